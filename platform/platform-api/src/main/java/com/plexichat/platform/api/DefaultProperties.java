package com.plexichat.platform.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds a platform library's defaults from a properties file on the class path as the
 * lowest-priority property source: a service's own configuration or config-repo still wins.
 */
public abstract class DefaultProperties implements EnvironmentPostProcessor {

    private final String name;
    private final String resource;

    protected DefaultProperties(String name, String resource) {
        this.name = name;
        this.resource = resource;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource(name, new ClassPathResource(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
