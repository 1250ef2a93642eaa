package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The credential detector of HardeningTest must catch real credential shapes, or its checks prove nothing. */
class SecretDetectionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "q8Jz3kP0vX1mR7tY2wE9aB4nC6dF5gH0iJ2kL3mN4o=",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.c2ln",
                "hvs.CAESIJ0example",
                "jdbc:postgresql://db:5432/cs?user=app&password=pw",
                "https://admin:pw@vault.example:8200",
                "-----BEGIN PRIVATE KEY-----"
            })
    void recognisesCredentials(String value) {
        assertThat(HardeningTest.looksLikeSecret(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://login.acme.example/realms/compliance/protocol/openid-connect/certs",
                "jdbc:postgresql://pg-catalog.db.acme.example:5432/cs_catalog?sslmode=verify-full",
                "https://vault.vault.svc:8200",
                "portal.acme.example:443,api.acme.example:8443",
                "compliance-suite-vault-service"
            })
    void acceptsOrdinaryConfiguration(String value) {
        assertThat(HardeningTest.looksLikeSecret(value)).isFalse();
    }
}
