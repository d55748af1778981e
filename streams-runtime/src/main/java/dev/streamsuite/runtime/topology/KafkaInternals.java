package dev.streamsuite.runtime.topology;

import java.lang.reflect.Field;

/** Private fields of Kafka Streams' store classes, for the two work-arounds that need them (see their users). */
final class KafkaInternals {

    private KafkaInternals() {
    }

    /** The field {@code name} of {@code owner}'s class or a superclass, made accessible. */
    static Field field(Object owner, String name) throws NoSuchFieldException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
    }

    static Object get(Object owner, String name) throws ReflectiveOperationException {
        return field(owner, name).get(owner);
    }
}
