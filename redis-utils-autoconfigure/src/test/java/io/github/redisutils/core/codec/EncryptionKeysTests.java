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

package io.github.redisutils.core.codec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EncryptionKeys}.
 *
 * @author redis-utils authors
 */
class EncryptionKeysTests {

	private static final String KEY_256 = base64(32, 1);

	private static final String KEY_128 = base64(16, 2);

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 16, 24, 32 })
	void fromBase64AcceptsAesKeyLengths(int length) {
		EncryptionKeys keys = EncryptionKeys.fromBase64(base64(length, 3), List.of());
		assertThat(keys.current().getAlgorithm()).isEqualTo("AES");
		assertThat(keys.current().getEncoded()).hasSize(length);
		assertThat(keys.previous()).isEmpty();
	}

	@Test
	void fromBase64DecodesPreviousKeysInOrder() {
		EncryptionKeys keys = EncryptionKeys.fromBase64(KEY_256, List.of(KEY_128, base64(24, 4)));
		assertThat(keys.previous()).extracting((key) -> key.getEncoded().length).containsExactly(16, 24);
	}

	@Test
	void fromBase64AcceptsSurroundingWhitespaceAndUrlSafeAlphabet() {
		byte[] raw = new byte[32];
		raw[0] = (byte) 0xFB;
		raw[1] = (byte) 0xFF;
		String urlSafe = Base64.getUrlEncoder().encodeToString(raw);
		assertThat(urlSafe).contains("-").contains("_");
		EncryptionKeys keys = EncryptionKeys.fromBase64(" " + urlSafe + "\n", List.of());
		assertThat(keys.current().getEncoded()).isEqualTo(raw);
	}

	@Test
	void fromBase64RejectsInvalidBase64NamingCurrentKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> EncryptionKeys.fromBase64("not*base64!", List.of()))
			.withMessageStartingWith("Encryption key 'current' is not valid Base64: ");
	}

	@Test
	void fromBase64RejectsWrongLengthNamingPreviousKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EncryptionKeys.fromBase64(KEY_256, List.of(KEY_128, base64(20, 5))))
			.withMessage("Encryption key 'previous[1]' is 20 bytes long; an AES key must be 16, 24 or 32 bytes "
					+ "(128, 192 or 256 bits)");
	}

	@Test
	void fromBase64RejectsInvalidBase64NamingPreviousKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> EncryptionKeys.fromBase64(KEY_256, List.of("%%%")))
			.withMessageStartingWith("Encryption key 'previous[0]' is not valid Base64: ");
	}

	@Test
	void fromBase64RejectsEmptyKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> EncryptionKeys.fromBase64("  ", List.of()))
			.withMessage("Encryption key 'current' is empty");
	}

	@Test
	void fromBase64RejectsNullPreviousKeys() {
		assertThatIllegalArgumentException().isThrownBy(() -> EncryptionKeys.fromBase64(KEY_256, null))
			.withMessageContaining("must not be null");
	}

	@Test
	void errorMessagesDoNotContainKeyMaterial() {
		String key = base64(20, 6);
		assertThatIllegalArgumentException().isThrownBy(() -> EncryptionKeys.fromBase64(key, List.of()))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(key));
	}

	@Test
	void constructorRejectsNonAesKey() {
		SecretKey hmac = new SecretKeySpec(new byte[32], "HmacSHA256");
		assertThatIllegalArgumentException().isThrownBy(() -> new EncryptionKeys(hmac, List.of()))
			.withMessage("Encryption key 'current' must be an AES key, but its algorithm is HmacSHA256");
	}

	@Test
	void constructorRejectsWrongLength() {
		SecretKey key = new SecretKeySpec(new byte[8], "AES");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EncryptionKeys(TestValues.key(1, 16), List.of(TestValues.key(2, 32), key)))
			.withMessageStartingWith("Encryption key 'previous[1]' is 8 bytes long");
	}

	@Test
	void constructorRejectsNullKeys() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EncryptionKeys(null, List.of()))
			.withMessage("At least one encryption key is needed");
		List<SecretKey> previous = new ArrayList<>();
		previous.add(null);
		assertThatIllegalArgumentException().isThrownBy(() -> new EncryptionKeys(TestValues.key(1, 16), previous))
			.withMessage("Encryption key 'previous[0]' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new EncryptionKeys(TestValues.key(1, 16), null))
			.withMessageContaining("must not be null");
	}

	@Test
	void sameKeyListedTwiceIsAccepted() {
		SecretKey key = TestValues.key(1, 32);
		EncryptionKeys keys = new EncryptionKeys(key, List.of(key));
		assertThat(keys.previous()).containsExactly(key);
	}

	@Test
	void previousKeysAreCopied() {
		List<SecretKey> previous = new ArrayList<>(List.of(TestValues.key(2, 16)));
		EncryptionKeys keys = new EncryptionKeys(TestValues.key(1, 16), previous);
		previous.clear();
		assertThat(keys.previous()).hasSize(1);
	}

	@Test
	void toStringShowsKeyIdsAndNoKeyMaterial() {
		EncryptionKeys keys = EncryptionKeys.fromBase64(KEY_256, List.of(KEY_128));
		assertThat(keys.toString()).matches("EncryptionKeys\\[current=[0-9a-f]{8}, previous=\\[[0-9a-f]{8}]]")
			.doesNotContain(KEY_256)
			.doesNotContain(KEY_128);
	}

	@Test
	void keyIdIsFirstFourBytesOfSha256OfRawKey() {
		// SHA-256 of 16 zero bytes is 374708fff7719dd5979ec875d56cd228...
		assertThat(KeyId.toHex(KeyId.of(new byte[16]))).isEqualTo("374708ff");
	}

	private static String base64(int length, int seed) {
		byte[] raw = new byte[length];
		for (int i = 0; i < length; i++) {
			raw[i] = (byte) (seed * 31 + i);
		}
		return Base64.getEncoder().encodeToString(raw);
	}

}
