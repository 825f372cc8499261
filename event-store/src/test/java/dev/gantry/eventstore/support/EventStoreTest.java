package dev.gantry.eventstore.support;


import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import dev.gantry.testing.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The event-store against real Kafka, PostgreSQL and Redis. Every test class that uses this same
 * set shares one running application, so the suite starts Quarkus once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "gantry_events_test"),
        @ResourceArg(name = "jdbc", value = "true")})
public @interface EventStoreTest {
}
