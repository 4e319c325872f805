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

import java.time.Duration;
import java.util.Map;

import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.ratelimit.web.RateLimit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rate-limited endpoints: {@code /limited/hello} by annotation (5 requests, then 1 per 2
 * seconds per client address), everything under {@code /limited/api/} by the route in
 * {@code application.yml}, and a way to block a client.
 *
 * @author redis-utils authors
 */
@RestController
class RateLimitedController {

	private final RateLimiterRegistry rateLimiters;

	RateLimitedController(RateLimiterRegistry rateLimiters) {
		this.rateLimiters = rateLimiters;
	}

	@RateLimit(policy = "hello", key = "ip")
	@GetMapping("/limited/hello")
	Map<String, String> hello() {
		return Map.of("message", "Hello, within the limit");
	}

	@GetMapping("/limited/api/items")
	Map<String, Object> items() {
		return Map.of("items", new String[] { "a", "b" });
	}

	@PostMapping("/limited/block/{address}")
	Map<String, String> block(@PathVariable String address) {
		this.rateLimiters.block("ip:" + address, Duration.ofMinutes(1));
		return Map.of("blocked", address, "for", "1m");
	}

}
