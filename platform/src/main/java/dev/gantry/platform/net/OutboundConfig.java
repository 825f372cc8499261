package dev.gantry.platform.net;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the platform may connect on a user's behalf ({@code gantry.outbound.*}): LLM endpoints, event callbacks. */
@ConfigMapping(prefix = "gantry.outbound")
public interface OutboundConfig {

    /**
     * Whether user-named URLs may reach loopback, private-use, link-local and the other non-public
     * addresses. Off in a cluster, so that a user cannot make the platform call its own insides; the local
     * platform turns it on (its LLM server and callback receivers run on the same machine). Cloud metadata
     * addresses are refused either way.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();
}
