package org.compliancesuite.evidence.upstream;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token kept in a file that something else rotates: a sidecar, or a Kubernetes projected service account
 * token, which the kubelet replaces by swapping a symbolic link. The file is read again whenever its modification time
 * or size changes (both read through the link), so a rotated token is used from the next call on without a restart,
 * and an unchanged one costs one {@code stat} per call.
 */
final class TokenFile {

    private final Path path;
    private FileTime readModified;
    private long readSize = -1;
    private Optional<String> token = Optional.empty();

    TokenFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The token in the file now, or empty when the file is missing, unreadable or blank. */
    synchronized Optional<String> read() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            if (readSize != -2) {
                Log.warnf("service token file %s cannot be read; scheduled jobs run without a token", path);
            }
            readSize = -2;
            readModified = null;
            token = Optional.empty();
            return token;
        }
        if (Objects.equals(attributes.lastModifiedTime(), readModified) && attributes.size() == readSize) {
            return token;
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).strip();
            token = text.isEmpty() ? Optional.empty() : Optional.of(text);
            readModified = attributes.lastModifiedTime();
            readSize = attributes.size();
            Log.infof("service token read from %s", path);
        } catch (IOException e) {
            Log.warnf("service token file %s cannot be read; scheduled jobs run without a token", path);
            token = Optional.empty();
        }
        return token;
    }
}
