package dev.gantry.gateway.client;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean that calls the named platform service: whatever its calls fail with, once fault
 * tolerance has given up, becomes a 503 problem naming that service ({@link DownstreamInterceptor}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Downstream {

    @Nonbinding
    String value();
}
