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
package io.github.redisutils.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Session ids and slot tokens.
 * <p>
 * An id is {@code <slot token>.<secret>}: the secret is 128 random bits from
 * {@link SecureRandom} (22 URL-safe Base64 characters), the slot token 96 random bits
 * chosen once per user and kept in Redis for as long as the user has sessions. All of a
 * user's keys are hash-tagged by the slot token, so a single script can enforce the
 * per-user limit or destroy every session on Redis Cluster, while {@code find(id)} still
 * needs only the id. The token is random, so the id does not reveal the user; it does
 * reveal to whoever holds two ids of one user that they belong together.
 *
 * @author redis-utils authors
 */
final class SessionIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22}");

	private SessionIds() {
	}

	static String newSlotToken() {
		return random(12);
	}

	static String newSecret() {
		return random(16);
	}

	static String id(String slotToken, String secret) {
		return slotToken + "." + secret;
	}

	/**
	 * Split an id into slot token and secret, or return {@code null} if it is malformed.
	 */
	static String @Nullable [] parse(@Nullable String id) {
		if (id == null || !ID.matcher(id).matches()) {
			return null;
		}
		return new String[] { id.substring(0, 16), id.substring(17) };
	}

	private static String random(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return ENCODER.encodeToString(random);
	}

}
