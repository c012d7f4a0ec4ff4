package org.gridmint.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.gridmint.api.auth.RequestSignature.Verdict;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String BODY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private final Identity alice = Identity.generate();
    private final RequestSigner signer = new RequestSigner(alice);

    @Test
    void headers_verifyAsTheSignersAccount() {
        var h = signer.sign("GET", "/api/v1/jobs?limit=5", BODY, NOW);

        assertThat(h.key()).isEqualTo(alice.publicKeyText());
        assertThat(h.timestamp()).isEqualTo(String.valueOf(NOW.toEpochMilli()));
        assertThat(RequestSignature.check("GET", "/api/v1/jobs?limit=5", BODY, h.key(), h.timestamp(), h.nonce(), h.signature(), NOW))
                .isEqualTo(new Verdict.Valid(alice.account()));
        assertThat(h.asMap()).containsOnlyKeys(RequestSignature.KEY_HEADER, RequestSignature.TIMESTAMP_HEADER, RequestSignature.NONCE_HEADER,
                RequestSignature.SIGNATURE_HEADER);
    }

    @Test
    void everySignature_drawsAFreshNonce_ofTheAcceptedForm() {
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) nonces.add(signer.sign("GET", "/p", BODY, NOW).nonce());

        assertThat(nonces).hasSize(1000).allSatisfy(n -> assertThat(n).matches("[A-Za-z0-9_-]{24}"));
    }
}
