package dev.streamsuite.runtime.topology;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Record keys arrive as bytes (so dead letters keep them exactly) and must be valid UTF-8. */
final class Keys {

    private Keys() {
    }

    /** The key as a string, or null when absent; throws when the bytes are not UTF-8. */
    static String decode(byte[] key) throws CharacterCodingException {
        if (key == null) {
            return null;
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(key))
                .toString();
    }
}
