/**
 * Spring Boot auto-configuration of the shared runtime and its {@code suite.*} properties: a service
 * only declares a {@link dev.streamsuite.runtime.streams.ServiceTopology} bean and its controllers.
 */
package dev.streamsuite.runtime.config;
