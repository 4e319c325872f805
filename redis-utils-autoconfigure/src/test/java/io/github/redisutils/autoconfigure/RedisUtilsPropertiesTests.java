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
package io.github.redisutils.autoconfigure;

import java.util.Base64;

import io.github.redisutils.core.codec.ValueFormat;
import org.junit.jupiter.api.Test;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static io.github.redisutils.autoconfigure.PropertiesBinding.bind;
import static io.github.redisutils.autoconfigure.PropertiesBinding.startUpFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that invalid {@code redis.*} properties fail start-up naming the property and the
 * reason.
 *
 * @author redis-utils authors
 */
class RedisUtilsPropertiesTests {

	private static final String AES_128 = Base64.getEncoder().encodeToString(new byte[16]);

	@Test
	void validPropertiesBind() {
		RedisUtilsProperties properties = bind(RedisUtilsProperties.class, "redis.key-prefix=shop",
				"redis.codec.format=cbor", "redis.codec.compression.enabled=true",
				"redis.codec.compression.threshold=4KB", "redis.codec.encryption.enabled=true",
				"redis.codec.encryption.key=" + AES_128, "redis.codec.encryption.previous-keys[0]=" + AES_128,
				"redis.health.timeout=500ms");
		assertThat(properties.getCodec().getCompression().getThreshold().toKilobytes()).isEqualTo(4);
		assertThat(properties.getCodec().getEncryption().toString()).doesNotContain(AES_128);
		assertThat(properties.getCodec().toOptions().format()).isEqualTo(ValueFormat.CBOR);
	}

	@Test
	void prefixWithWhiteSpaceFails() {
		assertRejected(RedisUtilsProperties.class, "redis.keyPrefix", "white space", "redis.key-prefix=my shop");
	}

	@Test
	void encryptionWithoutAKeyFails() {
		assertRejected(RedisUtilsProperties.class, "redis.codec.encryption.key", "must be set",
				"redis.codec.encryption.enabled=true");
	}

	@Test
	void keyThatIsNotBase64Fails() {
		assertRejected(RedisUtilsProperties.class, "redis.codec.encryption.key", "not valid Base64",
				"redis.codec.encryption.key=not*base64");
	}

	@Test
	void keyOfTheWrongLengthFails() {
		assertRejected(RedisUtilsProperties.class, "redis.codec.encryption.key", "is 10 bytes long",
				"redis.codec.encryption.key=" + Base64.getEncoder().encodeToString(new byte[10]));
	}

	@Test
	void badPreviousKeyFailsNamingItsIndex() {
		assertRejected(RedisUtilsProperties.class, "redis.codec.encryption.previousKeys[1]",
				"'redis.codec.encryption.previous-keys[1]' is 2 bytes long",
				"redis.codec.encryption.previous-keys=" + AES_128 + ",abc");
	}

	@Test
	void negativeCompressionThresholdFails() {
		assertRejected(RedisUtilsProperties.class, "redis.codec.compression.threshold", "negative",
				"redis.codec.compression.threshold=-1B");
	}

	@Test
	void zeroHealthTimeoutFails() {
		assertRejected(RedisUtilsProperties.class, "redis.health.timeout", "must be positive",
				"redis.health.timeout=0s");
	}

	@Test
	void memoryThresholdsBind() {
		RedisUtilsProperties properties = bind(RedisUtilsProperties.class, "redis.health.memory-warning-threshold=70",
				"redis.health.memory-down-threshold=95.5");
		assertThat(properties.getHealth().getMemoryWarningThreshold()).isEqualTo(70);
		assertThat(properties.getHealth().getMemoryDownThreshold()).isEqualTo(95.5);
		assertThat(bind(RedisUtilsProperties.class).getHealth().getMemoryDownThreshold()).isNull();
	}

	@Test
	void memoryThresholdsOfOneHundredAndEqualThresholdsBind() {
		RedisUtilsProperties properties = bind(RedisUtilsProperties.class, "redis.health.memory-warning-threshold=100",
				"redis.health.memory-down-threshold=100");
		assertThat(properties.getHealth().getMemoryDownThreshold()).isEqualTo(100);
	}

	@Test
	void memoryWarningThresholdOfZeroFails() {
		assertRejected(RedisUtilsProperties.class, "redis.health.memoryWarningThreshold",
				"must be more than 0 and at most 100", "redis.health.memory-warning-threshold=0");
	}

	@Test
	void memoryWarningThresholdAboveOneHundredFails() {
		assertRejected(RedisUtilsProperties.class, "redis.health.memoryWarningThreshold",
				"must be more than 0 and at most 100, a percentage of maxmemory (was 100.5)",
				"redis.health.memory-warning-threshold=100.5");
	}

	@Test
	void negativeMemoryDownThresholdFails() {
		assertRejected(RedisUtilsProperties.class, "redis.health.memoryDownThreshold",
				"must be more than 0 and at most 100", "redis.health.memory-down-threshold=-5");
	}

	@Test
	void memoryDownThresholdAboveOneHundredFails() {
		assertRejected(RedisUtilsProperties.class, "redis.health.memoryDownThreshold",
				"must be more than 0 and at most 100", "redis.health.memory-down-threshold=150");
	}

	@Test
	void memoryDownThresholdBelowTheWarningThresholdFails() {
		assertRejected(RedisUtilsProperties.class, "redis.health.memoryDownThreshold",
				"must be at least the memory warning threshold, 80.0 (was 70.0)",
				"redis.health.memory-down-threshold=70");
	}

	@Test
	void memoryDownThresholdBelowAConfiguredWarningThresholdFails() {
		assertRejected(RedisUtilsProperties.class, "redis.health.memoryDownThreshold",
				"must be at least the memory warning threshold, 90.0 (was 85.0)",
				"redis.health.memory-warning-threshold=90", "redis.health.memory-down-threshold=85");
	}

	@Test
	void unknownFormatFails() {
		assertThat(startUpFailure(RedisUtilsProperties.class, "redis.codec.format=xml"))
			.contains("Failed to bind properties under 'redis.codec.format'");
	}

}
