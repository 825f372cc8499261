package dev.gantry.conversation.rest;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The routes of a resource run to their end even when their caller has gone (the gateway timed out, a client
 * closed its connection): the request is not cancelled half-way through its database work.
 * {@link CompletesWithoutTheCallerInterceptor} says why.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CompletesWithoutTheCaller {
}
