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
package io.github.redisutils.core;

import io.github.redisutils.core.RedisKeys.FeatureKeys;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedisKeys}.
 *
 * @author redis-utils authors
 */
class RedisKeysTests {

	private final FeatureKeys lockKeys = RedisKeys.withPrefix("orders-service").feature("lock");

	@Test
	void keysFollowPrefixFeatureNameParts() {
		assertThat(this.lockKeys.key("invoice")).isEqualTo("orders-service:lock:invoice");
		assertThat(this.lockKeys.key("invoice", "42", "owner")).isEqualTo("orders-service:lock:invoice:42:owner");
	}

	@Test
	void taggedKeysOfOneNameShareAClusterSlot() {
		String state = this.lockKeys.tagged("invoice:42", "state");
		String fence = this.lockKeys.tagged("invoice:42", "fence");
		assertThat(state).isEqualTo("orders-service:lock:{invoice:42}:state");
		assertThat(SlotHash.getSlot(state)).isEqualTo(SlotHash.getSlot(fence))
			.isEqualTo(SlotHash.getSlot("invoice:42"));
	}

	@Test
	void partsMayContainColonsAndUnicode() {
		assertThat(this.lockKeys.key("workspace:42", "Zürich ✓"))
			.isEqualTo("orders-service:lock:workspace:42:Zürich ✓");
	}

	@Test
	void emptyNameIsRejectedNamingThePart() {
		assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> this.lockKeys.key(""))
			.withMessage("Invalid Redis key part 'name': must not be empty")
			.satisfies((ex) -> assertThat(ex.getPartName()).isEqualTo("name"));
	}

	@Test
	void nullPartIsRejectedNamingItsPosition() {
		assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> this.lockKeys.key("a", "b", null))
			.withMessage("Invalid Redis key part 'part[1]': must not be null");
	}

	@Test
	void tooLongPartIsRejectedWithItsLength() {
		String longPart = "x".repeat(RedisKeys.MAX_PART_LENGTH + 1);
		assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> this.lockKeys.key("name", longPart))
			.withMessageContaining("'part[0]'")
			.withMessageContaining("at most 512 characters long (was 513)");
		assertThat(this.lockKeys.key("x".repeat(RedisKeys.MAX_PART_LENGTH))).hasSize(20 + 512);
	}

	@Test
	void controlCharactersAreRejectedWithTheirPosition() {
		assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> this.lockKeys.key("line\nbreak"))
			.withMessage(
					"Invalid Redis key part 'name': must not contain control characters (found U+000A at index 4)");
		assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> this.lockKeys.key("ok", "nul\0"))
			.withMessageContaining("U+0000");
	}

	@Test
	void braceInTaggedNameIsRejectedBecauseItWouldMoveTheSlot() {
		assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> this.lockKeys.tagged("}evil"))
			.withMessageContaining("must not contain '{' or '}'");
		assertThat(this.lockKeys.key("{plain}")).isEqualTo("orders-service:lock:{plain}");
	}

	@Test
	void invalidPrefixIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.withPrefix(""))
			.withMessageContaining("must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.withPrefix("my app"))
			.withMessageContaining("white space");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.withPrefix("{app}"))
			.withMessageContaining("hash tag");
		assertThat(RedisKeys.prefixProblem("x".repeat(RedisKeys.MAX_PREFIX_LENGTH + 1))).contains("at most 128");
		assertThat(RedisKeys.prefixProblem("billing-v2")).isNull();
	}

	@Test
	void invalidFeatureNameIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.withPrefix("app").feature("Lock"))
			.withMessageContaining("Invalid feature name 'Lock'");
	}

	@Test
	void scanPatternsEscapeGlobCharactersOfThePrefix() {
		FeatureKeys keys = RedisKeys.withPrefix("app[1]*").feature("cache");
		assertThat(keys.pattern()).isEqualTo("app\\[1\\]\\*:cache:*");
		assertThat(keys.pattern("users", "v?")).isEqualTo("app\\[1\\]\\*:cache:users:v\\?:*");
	}

	@Test
	void safePartKeepsUsableValuesAndHashesTheRestStably() {
		assertThat(RedisKeys.safePart("user-42")).isEqualTo("user-42");
		String tooLong = "x".repeat(RedisKeys.MAX_PART_LENGTH + 1);
		assertThat(RedisKeys.safePart(tooLong)).startsWith("#sha256:")
			.hasSize(8 + 64)
			.isEqualTo(RedisKeys.safePart(tooLong));
		assertThat(RedisKeys.safePart("a\nb")).isEqualTo(RedisKeys.hashedPart("a\nb"));
		assertThat(RedisKeys.safePart("{tag}")).startsWith("#sha256:");
		assertThat(RedisKeys.safePart("")).startsWith("#sha256:");
		// A value that looks hashed is hashed too, so it cannot collide with a hash.
		String hashed = RedisKeys.hashedPart("x");
		assertThat(RedisKeys.safePart(hashed)).isNotEqualTo(hashed);
		assertThat(this.lockKeys.tagged(RedisKeys.safePart("}odd{"))).contains("{#sha256:");
	}

}
