package dev.gantry.platform.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a resource's routes (on the class, or on a method, which then wins). A route without it is
 * refused to everyone: a route nobody declared is closed, never open.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CalledBy {

    /** Users, each through the token the gateway signed for the call. */
    boolean users() default false;

    /** The services ({@link ServiceNames}) whose own token this route accepts. */
    String[] services() default {};
}
