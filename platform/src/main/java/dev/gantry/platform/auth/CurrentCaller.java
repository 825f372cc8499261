package dev.gantry.platform.auth;

import jakarta.enterprise.context.RequestScoped;

/** The verified caller of the request being served, set by {@link InternalCallerFilter} before any resource runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller verified) {
        this.caller = verified;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no verified caller: the request did not pass InternalCallerFilter");
        }
        return caller;
    }

    /** The user of a route only users call ({@link CalledBy#users()}). */
    public Caller.User user() {
        if (get() instanceof Caller.User user) {
            return user;
        }
        throw new IllegalStateException("the caller is a service, not a user: the route's @CalledBy admits services");
    }

    /** The id of {@link #user()}. */
    public String userId() {
        return user().id();
    }
}
