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
import java.util.Optional;

import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.PermitHandle;
import io.github.redisutils.lock.RedisSemaphore;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Report exports bounded by a semaphore across every instance of the application: at most
 * {@value #CONCURRENT_EXPORTS} run at once. {@code POST /reports/{name}/exports} runs one
 * (429 when all permits are taken and none frees up within {@code waitMillis}; the export
 * takes {@code workMillis}; 400 when either is negative or above its bound);
 * {@code GET /reports/exports} tells how many could start now.
 *
 * @author redis-utils authors
 */
@RestController
class ReportExportController {

	static final int CONCURRENT_EXPORTS = 2;

	/** Longest wait for a permit a request may ask, in ms. */
	static final long MAX_WAIT_MILLIS = 30_000;

	/** Longest export a request may ask for, in ms. */
	static final long MAX_WORK_MILLIS = 60_000;

	private final RedisSemaphore exports;

	ReportExportController(DistributedLocks locks) {
		this.exports = locks.semaphore("report-exports", CONCURRENT_EXPORTS);
	}

	@PostMapping("/reports/{name}/exports")
	ResponseEntity<Map<String, Object>> export(@PathVariable String name,
			@RequestParam(defaultValue = "0") long waitMillis, @RequestParam(defaultValue = "200") long workMillis)
			throws InterruptedException {
		String problem = outOfRange("waitMillis", waitMillis, MAX_WAIT_MILLIS);
		problem = (problem != null) ? problem : outOfRange("workMillis", workMillis, MAX_WORK_MILLIS);
		if (problem != null) {
			return ResponseEntity.badRequest().body(Map.of("report", name, "error", problem));
		}
		Optional<PermitHandle> permit = this.exports.tryAcquire(Duration.ofMillis(waitMillis));
		if (permit.isEmpty()) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.body(Map.of("report", name, "error", "too many exports running, try again later"));
		}
		try (PermitHandle held = permit.get()) {
			// Stands for the export itself; the watchdog renews the permit meanwhile.
			Thread.sleep(workMillis);
			return ResponseEntity.ok(Map.of("report", name, "exported", true));
		}
	}

	private static @Nullable String outOfRange(String parameter, long value, long max) {
		return (value < 0 || value > max) ? "'" + parameter + "' must be from 0 to " + max + " ms (was " + value + ")"
				: null;
	}

	@GetMapping("/reports/exports")
	Map<String, Object> available() {
		return Map.of("permits", CONCURRENT_EXPORTS, "available", this.exports.availablePermits());
	}

}
