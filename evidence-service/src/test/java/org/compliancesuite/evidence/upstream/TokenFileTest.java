package org.compliancesuite.evidence.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dir;

    @Test
    void theTokenIsReadAgainWhenTheFileChanges() throws Exception {
        Path path = dir.resolve("token");
        TokenFile file = new TokenFile(path);
        assertEquals(Optional.empty(), file.read(), "no file yet");

        Files.writeString(path, "token-one\n");
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertEquals(Optional.of("token-one"), file.read());

        // the same size, a later modification time: a rotation the size alone would miss
        Files.writeString(path, "token-two\n");
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2030-01-01T01:00:00Z")));
        assertEquals(Optional.of("token-two"), file.read());

        Files.writeString(path, "  \n");
        assertEquals(Optional.empty(), file.read(), "a blank file is no token");

        Files.delete(path);
        assertEquals(Optional.empty(), file.read(), "a removed file is no token");
        Files.writeString(path, "token-three");
        assertEquals(Optional.of("token-three"), file.read());
    }

    @Test
    void theTenantIsTheTokensTenantClaim() {
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"tenant\":\"acme\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of("acme"), ServiceToken.tenantOf("e30." + payload + ".sig"));
        assertEquals(Optional.empty(), ServiceToken.tenantOf("not-a-jwt"));
    }
}
