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

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.redisutils.queue.JobInfo;
import io.github.redisutils.queue.JobOptions;
import io.github.redisutils.queue.JobQueue;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.QueueSizes;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Order confirmations through the {@code mail} job queue: {@code POST
 * /orders/{id}/confirmation?email=...} enqueues one (at most one pending per order),
 * {@code GET /jobs/mail/{jobId}} shows its state, {@code GET /jobs/mail} the queue's
 * sizes.
 *
 * @author redis-utils authors
 */
@RestController
class OrderConfirmationController {

	private final JobQueue mail;

	OrderConfirmationController(JobQueues queues) {
		this.mail = queues.queue("mail");
	}

	@PostMapping("/orders/{orderId}/confirmation")
	Map<String, Object> confirm(@PathVariable String orderId, @RequestParam String email) {
		String jobId = this.mail.enqueue(OrderConfirmationSender.JOB_TYPE,
				new OrderConfirmationSender.OrderConfirmation(orderId, email),
				JobOptions.defaults().withUniqueKey("confirmation-" + orderId));
		return Map.of("orderId", orderId, "jobId", jobId);
	}

	@GetMapping("/jobs/mail/{jobId}")
	ResponseEntity<Map<String, Object>> job(@PathVariable String jobId) {
		return ResponseEntity.of(this.mail.find(jobId).map(OrderConfirmationController::describe));
	}

	@GetMapping("/jobs/mail")
	QueueSizes sizes() {
		return this.mail.sizes();
	}

	private static Map<String, Object> describe(JobInfo job) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("id", job.id());
		description.put("type", job.type());
		description.put("status", job.status());
		description.put("attempt", job.attempt());
		description.put("maxAttempts", job.maxAttempts());
		if (job.progress() != null) {
			description.put("progress", job.progress());
		}
		if (job.result() != null) {
			description.put("result", job.result());
		}
		if (job.lastError() != null) {
			description.put("lastError", job.lastError().lines().findFirst().orElse(""));
		}
		return description;
	}

}
