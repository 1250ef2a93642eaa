package org.compliancesuite.evidence.item;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import org.compliancesuite.common.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Evidence is documents, exports and images. Anything a browser would run or render as active content (HTML, SVG,
 * scripts, executables) is refused, so a download can never become an attack on the reader.
 */
@ApplicationScoped
public class MediaTypePolicy {

    @ConfigProperty(name = "evidence.allowed-media-types")
    List<String> allowed;

    /**
     * @return the media type without parameters, lower case
     * @throws ProblemException 415 when missing or not allowed
     */
    public String require(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("a media type is required");
        }
        String base = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(base)) {
            throw unsupported("media type " + base + " is not accepted; accepted: " + String.join(", ", allowed));
        }
        return base;
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(415, "Unsupported Media Type", detail);
    }
}
