package dev.streamsuite.deploy;

/** The image names of the suite: docker-compose.yml builds them, k8s/ runs them. */
final class DockerImages {

    static final String PREFIX = "streams-suite/";

    private DockerImages() {
    }

    /** {@code streams-suite/<service>}, without registry and tag. */
    static String repository(String service) {
        return PREFIX + service;
    }
}
