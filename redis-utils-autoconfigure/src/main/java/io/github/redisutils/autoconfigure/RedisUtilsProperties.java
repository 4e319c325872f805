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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.SecretKey;

import io.github.redisutils.actuate.RedisConnectionHealthIndicator;
import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisRetry;
import io.github.redisutils.core.SettingProblems;
import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.EncryptionKeys;
import io.github.redisutils.core.codec.ValueFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of redis-utils, under {@code redis.*}. Connection settings are
 * Spring Boot's own {@code spring.data.redis.*} and are never repeated here.
 * <p>
 * The properties validate themselves when bound: a bad value fails start-up with a
 * message that names the property and the reason.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis")
public class RedisUtilsProperties implements Validator {

	/**
	 * Prefix used when neither redis.key-prefix nor spring.application.name is set.
	 */
	public static final String DEFAULT_KEY_PREFIX = RedisKeys.DEFAULT_PREFIX;

	/**
	 * Whether redis-utils is enabled. When false, none of its beans is created.
	 */
	private boolean enabled = true;

	/**
	 * Prefix of every key redis-utils writes: <prefix>:<feature>:<name>. Defaults to
	 * spring.application.name, else "redis-utils".
	 */
	private @Nullable String keyPrefix;

	private final Codec codec = new Codec();

	private final Embedded embedded = new Embedded();

	private final Health health = new Health();

	private final Outage outage = new Outage();

	private final Retry retry = new Retry();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(@Nullable String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Codec getCodec() {
		return this.codec;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	public Health getHealth() {
		return this.health;
	}

	public Outage getOutage() {
		return this.outage;
	}

	public Retry getRetry() {
		return this.retry;
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisUtilsProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisUtilsProperties properties = (RedisUtilsProperties) target;
		if (properties.keyPrefix != null) {
			String problem = RedisKeys.prefixProblem(properties.keyPrefix);
			if (problem != null) {
				errors.rejectValue("keyPrefix", "invalid", problem);
			}
		}
		properties.codec.validate(errors);
		properties.health.validate(errors);
		properties.outage.validate(errors);
		properties.retry.validate(errors);
	}

	/**
	 * How values are turned into bytes.
	 */
	public static class Codec {

		/**
		 * Format of newly written values. Values are always read in the format they were
		 * written in, so changing this keeps old values readable.
		 */
		private ValueFormat format = ValueFormat.JSON;

		private final Compression compression = new Compression();

		private final Encryption encryption = new Encryption();

		public ValueFormat getFormat() {
			return this.format;
		}

		public void setFormat(ValueFormat format) {
			this.format = format;
		}

		public Compression getCompression() {
			return this.compression;
		}

		public Encryption getEncryption() {
			return this.encryption;
		}

		void validate(Errors errors) {
			if (this.compression.threshold.isNegative()) {
				errors.rejectValue("codec.compression.threshold", "invalid", "must not be negative");
			}
			if (this.compression.threshold.toBytes() > Integer.MAX_VALUE) {
				errors.rejectValue("codec.compression.threshold", "invalid", "must be less than 2 GB");
			}
			if (this.encryption.enabled) {
				if (this.encryption.key == null || this.encryption.key.isBlank()) {
					errors.rejectValue("codec.encryption.key", "missing",
							"must be set when redis.codec.encryption.enabled is true "
									+ "(a Base64-encoded AES key of 16, 24 or 32 bytes)");
				}
			}
			if (this.encryption.key != null && !this.encryption.key.isBlank()) {
				checkKey(errors, "codec.encryption.key", "redis.codec.encryption.key", this.encryption.key);
			}
			for (int i = 0; i < this.encryption.previousKeys.size(); i++) {
				checkKey(errors, "codec.encryption.previousKeys[" + i + "]",
						"redis.codec.encryption.previous-keys[" + i + "]", this.encryption.previousKeys.get(i));
			}
		}

		private static void checkKey(Errors errors, String field, String property, String base64) {
			try {
				EncryptionKeys.aesKey(property, base64);
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue(field, "invalid", ex.getMessage());
			}
		}

		/**
		 * Return the codec options these properties describe. Encryption keys are used
		 * for reading whenever they are configured, and for writing only when encryption
		 * is enabled, so that switching encryption off keeps encrypted values readable.
		 * @return the codec options
		 */
		public CodecOptions toOptions() {
			Integer threshold = this.compression.enabled ? (int) this.compression.threshold.toBytes() : null;
			return new CodecOptions(this.format, threshold, this.encryption.toKeys());
		}

	}

	/**
	 * Compression of large values.
	 */
	public static class Compression {

		/**
		 * Whether values at least as large as the threshold are compressed (Deflate).
		 * Values are read correctly whatever this is set to.
		 */
		private boolean enabled;

		/**
		 * Serialized size from which values are compressed.
		 */
		private DataSize threshold = DataSize.ofKilobytes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getThreshold() {
			return this.threshold;
		}

		public void setThreshold(DataSize threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * Encryption of values at rest with AES-GCM.
	 */
	public static class Encryption {

		/**
		 * Whether new values are encrypted with the key. Encrypted values are read
		 * whenever their key is configured, whatever this is set to.
		 */
		private boolean enabled;

		/**
		 * Base64-encoded AES key (16, 24 or 32 bytes) used to encrypt new values and to
		 * read values written with it.
		 */
		private @Nullable String key;

		/**
		 * Base64-encoded AES keys used before the current one; values encrypted with them
		 * stay readable during a key rotation.
		 */
		private List<String> previousKeys = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public List<String> getPreviousKeys() {
			return this.previousKeys;
		}

		public void setPreviousKeys(List<String> previousKeys) {
			this.previousKeys = previousKeys;
		}

		@Nullable EncryptionKeys toKeys() {
			List<SecretKey> previous = new ArrayList<>();
			for (int i = 0; i < this.previousKeys.size(); i++) {
				previous.add(EncryptionKeys.aesKey("redis.codec.encryption.previous-keys[" + i + "]",
						this.previousKeys.get(i)));
			}
			SecretKey current = (this.key != null && !this.key.isBlank())
					? EncryptionKeys.aesKey("redis.codec.encryption.key", this.key) : null;
			if (this.enabled) {
				return new EncryptionKeys(current, previous);
			}
			if (current != null) {
				previous.add(0, current);
			}
			return previous.isEmpty() ? null : EncryptionKeys.readOnly(previous);
		}

		@Override
		public String toString() {
			// Keys are secrets: never let them reach a log line or an actuator endpoint.
			return "Encryption[enabled=" + this.enabled + ", key=" + ((this.key != null) ? "******" : "none")
					+ ", previousKeys=" + this.previousKeys.size() + "]";
		}

	}

	/**
	 * Embedded Redis server for development.
	 */
	public static class Embedded {

		/**
		 * Whether to start an embedded Redis server at spring.data.redis.host:port when
		 * nothing listens there. Meant for development; needs
		 * com.github.codemonstur:embedded-redis on the classpath.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The redis health contributor.
	 */
	public static class Health {

		/**
		 * Longest time a health check waits for Redis before it reports DOWN.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * PING round trip above which the connection check adds a warning detail. It
		 * stays UP: a slow Redis still serves requests.
		 */
		private Duration latencyThreshold = Duration.ofMillis(100);

		/**
		 * Memory use, in percent of the server's maxmemory, above which the connection
		 * check adds a warning detail; more than 0 and at most 100. It stays UP.
		 */
		private double memoryWarningThreshold = 80;

		/**
		 * Memory use, in percent of the server's maxmemory, from which the connection
		 * check reports DOWN; more than 0, at most 100 and at least the memory warning
		 * threshold. Unset, memory never takes the check DOWN.
		 */
		private @Nullable Double memoryDownThreshold;

		public double getMemoryWarningThreshold() {
			return this.memoryWarningThreshold;
		}

		public void setMemoryWarningThreshold(double memoryWarningThreshold) {
			this.memoryWarningThreshold = memoryWarningThreshold;
		}

		public @Nullable Double getMemoryDownThreshold() {
			return this.memoryDownThreshold;
		}

		public void setMemoryDownThreshold(@Nullable Double memoryDownThreshold) {
			this.memoryDownThreshold = memoryDownThreshold;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getLatencyThreshold() {
			return this.latencyThreshold;
		}

		public void setLatencyThreshold(Duration latencyThreshold) {
			this.latencyThreshold = latencyThreshold;
		}

		void validate(Errors errors) {
			if (this.timeout.isNegative() || this.timeout.isZero()) {
				errors.rejectValue("health.timeout", "invalid", "must be positive");
			}
			if (this.latencyThreshold.isNegative()) {
				errors.rejectValue("health.latencyThreshold", "invalid", "must not be negative");
			}
			RedisConnectionHealthIndicator.MemoryThresholds
				.problems(this.memoryWarningThreshold, this.memoryDownThreshold)
				.forEach((field, problem) -> errors.rejectValue(
						"warningPercent".equals(field) ? "health.memoryWarningThreshold" : "health.memoryDownThreshold",
						"invalid", problem));
		}

	}

	/**
	 * What features do after a call found Redis unavailable.
	 */
	public static class Outage {

		/**
		 * How long a feature skips Redis after a call found it unavailable, answering
		 * with its fallback at once instead of waiting for a command timeout: rate limits
		 * fail open or closed, the token blacklist answers by its failure policy, the
		 * cache reads through to its loader; session, queue, lock and publish calls throw
		 * RedisUnavailableException. Then one call probes Redis and, if it answers,
		 * normal use resumes. Zero turns skipping off; at most 1h. The cache's own
		 * redis.cache.outage-backoff, when set, wins for the cache.
		 */
		private Duration backoff = Duration.ofSeconds(1);

		public Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = backoff;
		}

		void validate(Errors errors) {
			OutageBackoff.problems("outage.backoff", this.backoff)
				.forEach((field, problem) -> errors.rejectValue(field, "invalid", problem));
		}

	}

	/**
	 * Retries of idempotent reads: cache gets, token blacklist checks, session reads.
	 */
	public static class Retry {

		/**
		 * Whether idempotent reads (cache gets, token blacklist checks, session reads)
		 * are retried when they find Redis unavailable. A read that timed out is not
		 * retried, and writes (enqueue, rate-limit decisions, lock acquisition) never
		 * are.
		 */
		private boolean enabled;

		/**
		 * Attempts in all, the first one included, from 1 to 10.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the first retry.
		 */
		private Duration initialInterval = Duration.ofMillis(50);

		/**
		 * Factor by which the wait grows from one retry to the next, from 1 to 10.
		 */
		private double multiplier = 2;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxInterval = Duration.ofMillis(500);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		/**
		 * Return the retry policy these properties describe.
		 * @return the policy, {@link RedisRetry#NONE} unless enabled
		 */
		public RedisRetry toRetry() {
			return this.enabled
					? new RedisRetry(this.maxAttempts, this.initialInterval, this.multiplier, this.maxInterval)
					: RedisRetry.NONE;
		}

		void validate(Errors errors) {
			RedisRetry.problems(this.maxAttempts, this.initialInterval, this.multiplier, this.maxInterval)
				.forEach((field, problem) -> errors.rejectValue("retry." + field, "invalid", problem));
		}

	}

}
