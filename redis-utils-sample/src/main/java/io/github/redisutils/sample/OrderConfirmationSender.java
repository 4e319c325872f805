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

import io.github.redisutils.queue.JobContext;
import io.github.redisutils.queue.JobHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Sends order confirmations, as jobs of the {@code mail} queue. An address containing
 * "bounce" fails every attempt, to show retries and the dead letters.
 *
 * @author redis-utils authors
 */
@Component
class OrderConfirmationSender {

	static final String JOB_TYPE = "order-confirmation";

	private static final Log logger = LogFactory.getLog(OrderConfirmationSender.class);

	@JobHandler(JOB_TYPE)
	Receipt send(OrderConfirmation confirmation, JobContext job) {
		job.reportProgress("rendering");
		if (confirmation.email().contains("bounce")) {
			throw new IllegalStateException("Mailbox " + confirmation.email() + " bounced");
		}
		// A real sender would call the mail service here; the job may run again after a
		// crash, so the mail service should deduplicate by job id.
		logger.info("Sent confirmation of order " + confirmation.orderId() + " to " + confirmation.email() + " (job "
				+ job.id() + ", attempt " + job.attempt() + ")");
		// The returned value is the job's result, shown by GET /jobs/mail/{jobId}.
		return new Receipt("msg-" + job.id(), confirmation.email());
	}

	/**
	 * The result of a confirmation job.
	 *
	 * @param messageId the mail service's message id
	 * @param sentTo the address
	 */
	record Receipt(String messageId, String sentTo) {

	}

	/**
	 * The payload of a confirmation job.
	 *
	 * @param orderId the order
	 * @param email where to send the confirmation
	 */
	record OrderConfirmation(String orderId, String email) {

	}

}
