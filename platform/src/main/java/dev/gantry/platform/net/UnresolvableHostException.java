package dev.gantry.platform.net;

/** The URL's host does not resolve: refused at a call, but not where the URL is saved (it may resolve later). */
public class UnresolvableHostException extends RefusedUrlException {

    public UnresolvableHostException() {
        super("names a host that does not resolve");
    }
}
