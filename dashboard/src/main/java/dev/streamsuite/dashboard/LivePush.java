package dev.streamsuite.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events to every open page. A new subscriber gets every part at once; after that, every
 * {@code dashboard.push-interval} each part that changed is sent to all subscribers as one event named
 * after it: {@code purchases}, {@code orders}, {@code alerts}, {@code operations}. A comment every 15 s
 * keeps idle connections open through proxies.
 */
public final class LivePush implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LivePush.class);
    static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(30);
    private static final long HEARTBEAT_MS = 15_000;

    private record Part(String name, LongSupplier version, Supplier<Object> view) {
    }

    private final List<Part> parts;
    private final Duration interval;
    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private final Map<String, Long> sentVersions = new HashMap<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;
    private long lastHeartbeat;

    public LivePush(LiveModel model, Operations operations, Duration interval) {
        this.parts = List.of(
                new Part("purchases", () -> model.version("purchases"), model::purchases),
                new Part("orders", () -> model.version("orders"), model::orders),
                new Part("alerts", () -> model.version("alerts"), model::alerts),
                new Part("operations", operations::version, operations::view));
        this.interval = interval;
    }

    /** Every part's current view, by name (for {@code GET /api/state}). */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        parts.forEach(p -> state.put(p.name(), p.view().get()));
        return state;
    }

    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        try {
            emitter.send(SseEmitter.event().reconnectTime(2000).comment("streams-suite dashboard"));
            for (Part part : parts) {
                emitter.send(SseEmitter.event().name(part.name()).data(part.view().get(), MediaType.APPLICATION_JSON));
            }
            emitters.add(emitter);
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
        return emitter;
    }

    public int subscribers() {
        return emitters.size();
    }

    private void push() {
        try {
            for (Part part : parts) {
                long version = part.version().getAsLong();
                if (Long.valueOf(version).equals(sentVersions.get(part.name()))) {
                    continue;
                }
                sentVersions.put(part.name(), version);
                if (!emitters.isEmpty()) {
                    Object view = part.view().get();
                    for (SseEmitter emitter : emitters) {
                        send(emitter, SseEmitter.event().name(part.name()).data(view, MediaType.APPLICATION_JSON));
                    }
                }
            }
            long now = System.currentTimeMillis();
            if (now - lastHeartbeat >= HEARTBEAT_MS) {
                lastHeartbeat = now;
                for (SseEmitter emitter : emitters) {
                    send(emitter, SseEmitter.event().comment("ping"));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Pushing to browsers failed: {}", e.toString());
        }
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            emitters.remove(emitter); // the browser went away
            emitter.completeWithError(gone);
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-push");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::push, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
