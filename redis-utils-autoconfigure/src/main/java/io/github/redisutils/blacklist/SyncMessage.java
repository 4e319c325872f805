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

/**
 * Messages on the sync channel, published by the scripts in the same call that changes
 * Redis, so that a change and its message are never separated:
 * <ul>
 * <li>{@code t+<token id>}: a token was revoked;</li>
 * <li>{@code t-<token id>}: a token's revocation was lifted;</li>
 * <li>{@code u+<not-before>:<subject>}: a subject's not-before is now the given Unix
 * second (the latest one, the script keeps the maximum);</li>
 * <li>{@code u-<subject>}: a subject's not-before was removed.</li>
 * </ul>
 * A message that cannot be read empties the local cache: whatever it meant, the next
 * checks ask Redis.
 *
 * @author redis-utils authors
 */
final class SyncMessage {

	static final String TOKEN_REVOKED = "t+";

	static final String TOKEN_RESTORED = "t-";

	static final String USER_REVOKED = "u+";

	static final String USER_RESTORED = "u-";

	private SyncMessage() {
	}

	static void apply(String message, LocalRevocationCache cache) {
		if (message.length() > 2) {
			String kind = message.substring(0, 2);
			String rest = message.substring(2);
			switch (kind) {
				case TOKEN_REVOKED -> {
					cache.tokenRevoked(rest);
					return;
				}
				case TOKEN_RESTORED -> {
					cache.tokenRestored(rest);
					return;
				}
				case USER_RESTORED -> {
					cache.userRestored(rest);
					return;
				}
				case USER_REVOKED -> {
					int colon = rest.indexOf(':');
					if (colon > 0 && colon < rest.length() - 1) {
						try {
							cache.userRevoked(rest.substring(colon + 1), Long.parseLong(rest.substring(0, colon)));
							return;
						}
						catch (NumberFormatException ex) {
							// fall through to the flush below
						}
					}
				}
				default -> {
				}
			}
		}
		cache.clear();
	}

	static String tokenRevoked(String tokenId) {
		return TOKEN_REVOKED + tokenId;
	}

	static String tokenRestored(String tokenId) {
		return TOKEN_RESTORED + tokenId;
	}

	static String userRestored(String subject) {
		return USER_RESTORED + subject;
	}

}
