package dev.gantry.sandbox.rest;

/** A call without valid caller headers: a 401. */
class UnauthorizedException extends RuntimeException {

    UnauthorizedException(String detail) {
        super(detail);
    }
}
