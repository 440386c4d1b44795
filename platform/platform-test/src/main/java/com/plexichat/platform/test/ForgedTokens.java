package com.plexichat.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * The forgeries a token check must refuse, made from a real token: the same claims without a
 * signature ({@code alg: none}), signed with HMAC keyed by the issuer's public key (the classic
 * algorithm confusion), or with a changed payload under the original signature.
 */
public final class ForgedTokens {

    private ForgedTokens() {}

    public static String unsigned(String token) {
        String[] parts = token.split("\\.");
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    }

    /** The payload says another user; the signature is the original one. */
    public static String tampered(String token) {
        try {
            String[] parts = token.split("\\.");
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            JWTClaimsSet forged = new JWTClaimsSet.Builder(claims)
                    .subject(UUID.randomUUID().toString())
                    .build();
            return parts[0] + "." + base64(forged.toString()) + "." + parts[2];
        } catch (ParseException e) {
            throw new IllegalArgumentException("Not a signed JWT", e);
        }
    }

    /** The token's claims, signed HS256 with the DER bytes of the RSA public key that verifies it. */
    public static String hs256WithPublicKey(String token, RSAPublicKey publicKey) {
        try {
            SignedJWT original = SignedJWT.parse(token);
            SignedJWT forged = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(original.getHeader().getKeyID())
                            .build(),
                    original.getJWTClaimsSet());
            byte[] secret = publicKey.getEncoded();
            forged.sign(new MACSigner(Arrays.copyOf(secret, Math.max(secret.length, 32))));
            return forged.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("Cannot forge from this token", e);
        }
    }

    /** The RSA key a JWKS endpoint publishes under the token's {@code kid}. */
    public static RSAPublicKey publicKeyFor(String token, String jwkSetUri) {
        try {
            String kid = SignedJWT.parse(token).getHeader().getKeyID();
            URL url = URI.create(jwkSetUri).toURL();
            RSAKey key = JWKSet.load(url).getKeyByKeyId(kid).toRSAKey();
            return key.toRSAPublicKey();
        } catch (ParseException | IOException | JOSEException e) {
            throw new IllegalStateException("Cannot read the signing key from " + jwkSetUri, e);
        }
    }

    static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
