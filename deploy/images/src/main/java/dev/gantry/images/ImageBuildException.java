package dev.gantry.images;

/** An image could not be built or pushed; the message names the image and what went wrong. */
public class ImageBuildException extends Exception {

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
