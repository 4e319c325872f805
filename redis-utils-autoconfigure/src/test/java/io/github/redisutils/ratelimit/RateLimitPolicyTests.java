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
package io.github.redisutils.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Policy values and their checks.
 *
 * @author redis-utils authors
 */
class RateLimitPolicyTests {

	@Test
	void factoriesCreateValidPolicies() {
		RateLimitPolicy policy = RateLimitPolicy.tokenBucket("api", 100, 10, Duration.ofSeconds(1))
			.withCost(2)
			.withFailureMode(RateLimitFailureMode.CLOSED);
		assertThat(policy.algorithm()).isEqualTo(RateLimitAlgorithm.TOKEN_BUCKET);
		assertThat(policy.cost()).isEqualTo(2);
		assertThat(policy.failureMode()).isEqualTo(RateLimitFailureMode.CLOSED);
		assertThat(RateLimitPolicy.fixedWindow("f", 5, Duration.ofMinutes(1)).refill()).isEqualTo(5);
	}

	@Test
	void gcraTakesTheTokenBucketsLimitRefillAndWindow() {
		RateLimitPolicy gcra = RateLimitPolicy.gcra("api", 100, 10, Duration.ofSeconds(1)).withCost(3);
		assertThat(gcra.algorithm()).isEqualTo(RateLimitAlgorithm.GCRA);
		assertThat(gcra.limit()).isEqualTo(100);
		assertThat(gcra.refill()).isEqualTo(10);
		assertThat(gcra.cost()).isEqualTo(3);
		assertThat(RateLimitAlgorithm.GCRA.refills()).isTrue();
		assertThat(RateLimitAlgorithm.TOKEN_BUCKET.refills()).isTrue();
		assertThat(RateLimitAlgorithm.FIXED_WINDOW.refills()).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RateLimitPolicy.gcra("api", 100, 0, Duration.ofSeconds(1)))
			.withMessageContaining("refill must be at least 1 token");
	}

	@Test
	void aGcraBucketMustRefillWithin104Days() {
		// Exactly 104 days: accepted; 1 us more of window, or one token more, is not.
		assertThat(RateLimitPolicy.gcra("api", 104, 1, Duration.ofDays(1)).quotaPeriod())
			.isEqualTo(RateLimitPolicy.MAX_GCRA_REFILL_TIME);
		assertThat(RateLimitPolicy.gcra("api", 1, 1, Duration.ofDays(104)).quotaPeriod())
			.isEqualTo(Duration.ofDays(104));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RateLimitPolicy.gcra("api", 1, 1, Duration.ofDays(104).plusNanos(1000)))
			.withMessageContaining("window must make the time an empty bucket takes to refill")
			.withMessageContaining("at most 104 days for gcra");
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.gcra("api", 105, 1, Duration.ofDays(1)))
			.withMessageContaining("at most 104 days for gcra");
		// The reviewed failure's values (refilling in 1,708 days), and a limit so large
		// that limit × window overflows a long.
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.gcra("api", 14, 3, Duration.ofDays(366)))
			.withMessageContaining("(14 × PT8784H / 3)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RateLimitPolicy.gcra("api", Long.MAX_VALUE, 1_000_000, Duration.ofDays(1)))
			.withMessageContaining("at most 104 days for gcra");
		// A high rate refills quickly: a million tokens a day with a day's burst is fine.
		assertThat(RateLimitPolicy.gcra("api", 1_000_000, 1_000_000, Duration.ofDays(1)).quotaPeriod())
			.isEqualTo(Duration.ofDays(1));
		// The token bucket has no such bound.
		assertThat(RateLimitPolicy.tokenBucket("api", 14, 3, Duration.ofDays(366)).quotaPeriod())
			.isEqualTo(Duration.ofDays(1708));
	}

	@Test
	void quotaPeriodOfATokenBucketIsTheTimeToRefillCompletely() {
		assertThat(RateLimitPolicy.tokenBucket("api", 100, 10, Duration.ofSeconds(1)).quotaPeriod())
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(RateLimitPolicy.gcra("api", 100, 10, Duration.ofSeconds(1)).quotaPeriod())
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(RateLimitPolicy.slidingWindow("s", 100, Duration.ofMinutes(1)).quotaPeriod())
			.isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void everyBadValueIsNamedInOneMessage() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RateLimitPolicy("bad name", RateLimitAlgorithm.FIXED_WINDOW, 0, Duration.ZERO, 3, 1,
					RateLimitFailureMode.OPEN))
			.withMessageContaining("Invalid rate-limit policy 'bad name'")
			.withMessageContaining("name must be 1 to 64 letters")
			.withMessageContaining("limit must be at least 1")
			.withMessageContaining("window must be from 1ms")
			.withMessageContaining("refill applies to the token-bucket and GCRA algorithms only");
	}

	@Test
	void aCostAboveTheLimitIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RateLimitPolicy.fixedWindow("f", 5, Duration.ofMinutes(1)).withCost(6))
			.withMessageContaining("cost must be from 1 to the limit");
	}

	@Test
	void anExactSlidingWindowHasABoundedLog() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RateLimitPolicy.slidingWindow("s", 100_001, Duration.ofMinutes(1)))
			.withMessageContaining("use sliding-window-approximate");
		assertThat(RateLimitPolicy.approximateSlidingWindow("s", 10_000_000, Duration.ofMinutes(1)).limit())
			.isEqualTo(10_000_000);
	}

}
