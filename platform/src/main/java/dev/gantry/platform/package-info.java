/**
 * What the services share beyond the wire records of {@code contracts}: one room per concern
 * ({@code auth} for internal credentials, {@code net} for the outbound address policy), so no
 * service keeps its own copy.
 */
package dev.gantry.platform;
