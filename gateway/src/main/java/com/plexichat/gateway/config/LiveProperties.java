package com.plexichat.gateway.config;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Settings that change without a restart (rate limits, deprecations, API keys): an immutable record
 * bound from the environment, bound again whenever a configuration refresh changes a key under its
 * prefix. A refresh that does not bind (a typo in config-repo) keeps the last good settings.
 */
public final class LiveProperties<T> implements Supplier<T>, ApplicationListener<EnvironmentChangeEvent> {

    private static final Logger log = LoggerFactory.getLogger(LiveProperties.class);

    private final ConfigurableEnvironment environment;
    private final String prefix;
    private final Class<T> type;
    private final AtomicReference<T> current = new AtomicReference<>();
    private volatile UnaryOperator<T> overlay = UnaryOperator.identity();

    public LiveProperties(ConfigurableEnvironment environment, String prefix, Class<T> type) {
        this.environment = environment;
        this.prefix = prefix;
        this.type = type;
        current.set(bind());
    }

    @Override
    public T get() {
        return current.get();
    }

    /**
     * Settings laid over the bound ones (an administrator's, from admin-service), applied now and after every
     * refresh: an overlay wins over config-repo for the keys it sets.
     */
    public synchronized void overlay(UnaryOperator<T> overlay) {
        this.overlay = overlay;
        current.set(bind());
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        if (event.getKeys().stream().noneMatch(key -> key.startsWith(prefix))) {
            return;
        }
        try {
            current.set(bind());
            log.info("Applied changed settings under {}", prefix);
        } catch (BindException | IllegalArgumentException e) {
            log.error("Changed settings under {} are invalid; keeping the previous ones", prefix, e);
        }
    }

    /**
     * Something worked out from the settings (parsed patterns, a CORS configuration), worked out
     * again only when the settings change.
     */
    public <R> Supplier<R> derive(Function<T, R> derivation) {
        AtomicReference<Derived<T, R>> cached = new AtomicReference<>();
        return () -> {
            T source = get();
            Derived<T, R> seen = cached.get();
            if (seen == null || seen.source() != source) {
                seen = new Derived<>(source, derivation.apply(source));
                cached.set(seen);
            }
            return seen.value();
        };
    }

    private record Derived<T, R>(T source, R value) {}

    private T bind() {
        return overlay.apply(Binder.get(environment).bindOrCreate(prefix, type));
    }
}
