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
