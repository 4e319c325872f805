/*
 * Copyright 2026 the redis-utils authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.redisutils.blacklist;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Real HMAC-signed JWTs for tests (Nimbus, HS256).
 *
 * @author redis-utils authors
 */
public final class TestJwts {

	/**
	 * The signing key, 256 bits.
	 */
	public static final SecretKey KEY = new SecretKeySpec(
			"redis-utils-test-secret-of-32+bytes!".getBytes(StandardCharsets.UTF_8), "HmacSHA256");

	private TestJwts() {
	}

	/**
	 * Sign a token.
	 * @param jti the token id, or {@code null} for none
	 * @param subject the subject
	 * @param issuedAt the issue instant
	 * @param expiresAt the expiry
	 * @return the compact serialization
	 */
	public static String sign(@Nullable String jti, String subject, Instant issuedAt, Instant expiresAt) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt));
		if (jti != null) {
			claims.jwtID(jti);
		}
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
			jwt.sign(new MACSigner(KEY));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sign a token with a random id, issued now, valid for ten minutes.
	 * @param subject the subject
	 * @return the compact serialization
	 */
	public static String sign(String subject) {
		Instant now = Instant.now();
		return sign(UUID.randomUUID().toString(), subject, now, now.plusSeconds(600));
	}

}
