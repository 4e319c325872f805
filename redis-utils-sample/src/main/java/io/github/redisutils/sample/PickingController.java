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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.redisutils.queue.ClaimedJob;
import io.github.redisutils.queue.JobOptions;
import io.github.redisutils.queue.JobQueue;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.JobRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A warehouse's picking list as a pull queue: {@code POST /picking} with a JSON list of
 * order ids enqueues one picking job per order in one round trip, {@code POST
 * /picking/next?picker=ann} hands the next one to a picker (waiting up to 2 s for one)
 * and completes it with who picked it. The {@code picking} queue has no handler: pickers
 * pull its jobs.
 *
 * @author redis-utils authors
 */
@RestController
class PickingController {

	static final String JOB_TYPE = "pick";

	private final JobQueue picking;

	PickingController(JobQueues queues) {
		this.picking = queues.queue("picking");
	}

	@PostMapping("/picking")
	Map<String, Object> enqueue(@RequestBody List<String> orderIds) {
		List<String> jobIds = this.picking.enqueueAll(orderIds.stream()
			.map((orderId) -> new JobRequest(JOB_TYPE, new Pick(orderId),
					JobOptions.defaults().withUniqueKey("pick-" + orderId)))
			.toList());
		return Map.of("jobIds", jobIds);
	}

	@PostMapping("/picking/next")
	ResponseEntity<Map<String, Object>> next(@RequestParam String picker) {
		Optional<ClaimedJob> claimed = this.picking.take(Duration.ofSeconds(2));
		if (claimed.isEmpty()) {
			return ResponseEntity.noContent().build();
		}
		ClaimedJob job = claimed.get();
		Pick pick = job.payload(Pick.class);
		// A real picker would walk the aisles and confirm later; the sample picks at
		// once.
		boolean completed = job.complete(Map.of("pickedBy", picker));
		return ResponseEntity
			.ok(Map.of("jobId", job.context().id(), "orderId", pick.orderId(), "completed", completed));
	}

	/**
	 * The payload of a picking job.
	 *
	 * @param orderId the order to pick
	 */
	record Pick(String orderId) {

	}

}
