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

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that invalid {@code redis.*} properties fail start-up naming the property and the
 * reason.
 *
 * @author redis-utils authors
 */
class RedisUtilsPropertiesTests {

	private static final String AES_128 = Base64.getEncoder().encodeToString(new byte[16]);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class));

	@Test
	void validPropertiesBind() {
		this.contextRunner
			.withPropertyValues("redis.key-prefix=shop", "redis.codec.format=cbor",
					"redis.codec.compression.enabled=true", "redis.codec.compression.threshold=4KB",
					"redis.codec.encryption.enabled=true", "redis.codec.encryption.key=" + AES_128,
					"redis.codec.encryption.previous-keys[0]=" + AES_128, "redis.health.timeout=500ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisUtilsProperties properties = context.getBean(RedisUtilsProperties.class);
				assertThat(properties.getCodec().getCompression().getThreshold().toKilobytes()).isEqualTo(4);
				assertThat(properties.getCodec().getEncryption().toString()).doesNotContain(AES_128);
			});
	}

	@Test
	void prefixWithWhiteSpaceFails() {
		assertFailure("redis.key-prefix=my shop", "redis.keyPrefix", "white space");
	}

	@Test
	void encryptionWithoutAKeyFails() {
		assertFailure("redis.codec.encryption.enabled=true", "redis.codec.encryption.key", "must be set");
	}

	@Test
	void keyThatIsNotBase64Fails() {
		assertFailure("redis.codec.encryption.key=not*base64", "redis.codec.encryption.key", "not valid Base64");
	}

	@Test
	void keyOfTheWrongLengthFails() {
		assertFailure("redis.codec.encryption.key=" + Base64.getEncoder().encodeToString(new byte[10]),
				"redis.codec.encryption.key", "is 10 bytes long");
	}

	@Test
	void badPreviousKeyFailsNamingItsIndex() {
		assertFailure("redis.codec.encryption.previous-keys=" + AES_128 + ",abc",
				"redis.codec.encryption.previousKeys[1]", "'redis.codec.encryption.previous-keys[1]' is 2 bytes long");
	}

	@Test
	void negativeCompressionThresholdFails() {
		assertFailure("redis.codec.compression.threshold=-1B", "redis.codec.compression.threshold", "negative");
	}

	@Test
	void zeroHealthTimeoutFails() {
		assertFailure("redis.health.timeout=0s", "redis.health.timeout", "must be positive");
	}

	@Test
	void unknownFormatFails() {
		this.contextRunner.withPropertyValues("redis.codec.format=xml")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("redis.codec.format"));
	}

	/**
	 * Assert start-up fails with one field error, reported by Spring Boot's failure
	 * analyzer as {@code Property: <objectName>.<field>} and {@code Reason: <message>}.
	 */
	private void assertFailure(String property, String expectedProperty, String expectedReason) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			Throwable rootCause = NestedExceptionUtils.getRootCause(context.getStartupFailure());
			assertThat(rootCause).isInstanceOf(BindValidationException.class);
			ValidationErrors errors = ((BindValidationException) rootCause).getValidationErrors();
			assertThat(errors.getAllErrors()).singleElement().isInstanceOfSatisfying(FieldError.class, (error) -> {
				assertThat(error.getObjectName() + "." + error.getField()).isEqualTo(expectedProperty);
				assertThat(error.getDefaultMessage()).contains(expectedReason);
			});
		});
	}

}
