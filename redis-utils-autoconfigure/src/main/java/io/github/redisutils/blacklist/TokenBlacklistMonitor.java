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

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import io.github.redisutils.core.ErrorText;
import io.github.redisutils.core.OutageBackoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts what the blacklist does, for Micrometer and for health: checks by outcome
 * ({@code redis.token.blacklist.checks}, tag {@code outcome} = {@code revoked},
 * {@code valid} or {@code error}), revocations
 * ({@code redis.token.blacklist.revocations}, tag {@code scope} = {@code token} or
 * {@code user}), and the last failure to reach Redis. Shared by the blocking and the
 * reactive blacklist.
 *
 * @author redis-utils authors
 */
public final class TokenBlacklistMonitor {

	/**
	 * The feature's name in health and the outage back-off's meters.
	 */
	public static final String FEATURE = "token-blacklist";

	private final FailurePolicy onFailure;

	private final OutageBackoff outage;

	private final Counter revoked;

	private final Counter valid;

	private final Counter error;

	private final Counter tokenRevocations;

	private final Counter userRevocations;

	private final LongAdder failures = new LongAdder();

	private volatile @Nullable Instant lastFailure;

	private volatile @Nullable String lastError;

	/**
	 * Create a monitor and register its meters.
	 * @param onFailure the failure policy, reported in health
	 * @param meterRegistry where to register the meters
	 */
	public TokenBlacklistMonitor(FailurePolicy onFailure, MeterRegistry meterRegistry) {
		this(onFailure, meterRegistry, OutageBackoff.disabled(FEATURE));
	}

	/**
	 * Create a monitor whose checks skip Redis during an outage back-off: while it lasts,
	 * every check that the local cache cannot answer gets the failure policy's answer at
	 * once, counted as {@code error}.
	 * @param onFailure the failure policy, reported in health
	 * @param meterRegistry where to register the meters
	 * @param outage the back-off checks go through
	 * ({@code OutageBackoffs.forFeature(TokenBlacklistMonitor.FEATURE)})
	 */
	public TokenBlacklistMonitor(FailurePolicy onFailure, MeterRegistry meterRegistry, OutageBackoff outage) {
		this.onFailure = onFailure;
		this.outage = outage;
		this.revoked = checks(meterRegistry, "revoked");
		this.valid = checks(meterRegistry, "valid");
		this.error = checks(meterRegistry, "error");
		this.tokenRevocations = revocations(meterRegistry, "token");
		this.userRevocations = revocations(meterRegistry, "user");
	}

	private static Counter checks(MeterRegistry registry, String outcome) {
		return Counter.builder("redis.token.blacklist.checks")
			.tag("outcome", outcome)
			.description("Token blacklist checks by outcome; error means Redis could not be asked "
					+ "and the failure policy answered")
			.register(registry);
	}

	private static Counter revocations(MeterRegistry registry, String scope) {
		return Counter.builder("redis.token.blacklist.revocations")
			.tag("scope", scope)
			.description("Tokens (scope token) and subjects (scope user) revoked")
			.register(registry);
	}

	void checked(boolean isRevoked) {
		(isRevoked ? this.revoked : this.valid).increment();
	}

	/**
	 * Count a check that could not ask Redis and return the policy's answer.
	 */
	boolean failed(Throwable failure) {
		this.error.increment();
		this.failures.increment();
		this.lastFailure = Instant.now();
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		this.lastError = ErrorText.firstLine(message);
		return this.onFailure.revokedOnFailure();
	}

	OutageBackoff outage() {
		return this.outage;
	}

	void tokenRevoked() {
		this.tokenRevocations.increment();
	}

	void userRevoked() {
		this.userRevocations.increment();
	}

	/**
	 * Return the failure policy.
	 * @return the policy
	 */
	public FailurePolicy onFailure() {
		return this.onFailure;
	}

	/**
	 * Return how many checks could not ask Redis since start-up.
	 * @return the count
	 */
	public long failures() {
		return this.failures.sum();
	}

	/**
	 * Return when a check last failed to ask Redis.
	 * @return the instant, or {@code null} if none did
	 */
	public @Nullable Instant lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Return the first line of the last failure's message.
	 * @return the message, or {@code null} if no check failed
	 */
	public @Nullable String lastError() {
		return this.lastError;
	}

}
