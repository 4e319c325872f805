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

package io.github.redisutils.sample;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.redisutils.usage.QuotaResult;
import io.github.redisutils.usage.Usage;
import io.github.redisutils.usage.UsagePeriod;
import io.github.redisutils.usage.UsageTracker;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows usage quotas: each workspace may spend a number of tokens a day
 * ({@code redis.usage.quotas.tokens-per-workspace}); a request that would go over is
 * refused with 429 and the time until the day resets, whatever instance it reaches.
 *
 * @author redis-utils authors
 */
@RestController
class UsageController {

	private static final String QUOTA = "tokens-per-workspace";

	private final UsageTracker usage;

	UsageController(UsageTracker usage) {
		this.usage = usage;
	}

	@PostMapping("/usage/{workspace}/tokens")
	ResponseEntity<Map<String, Object>> spend(@PathVariable String workspace, @RequestParam long amount) {
		QuotaResult result = this.usage.tryConsume(workspace, amount, QUOTA);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("allowed", result.allowed());
		body.put("period", result.period().name().toLowerCase(java.util.Locale.ROOT));
		body.put("used", result.used());
		body.put("remaining", result.remaining());
		body.put("resetAt", result.resetAt().toString());
		if (result.allowed()) {
			return ResponseEntity.ok(body);
		}
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header("Retry-After", Long.toString(Math.max(1, result.retryAfter().toSeconds())))
			.body(body);
	}

	@GetMapping("/usage/{workspace}")
	Map<String, Object> today(@PathVariable String workspace) {
		Usage today = this.usage.usage(workspace, "tokens", UsagePeriod.DAY, Instant.now());
		return Map.of("workspace", workspace, "period", today.bucket().id(), "tokens", today.amount());
	}

}
