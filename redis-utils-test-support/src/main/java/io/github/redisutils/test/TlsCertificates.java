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

package io.github.redisutils.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates of the servers this module starts with TLS, generated once per JVM in
 * a temporary directory: a certificate authority and a server certificate for
 * {@code 127.0.0.1} and {@code localhost} that it signed (EC P-256, valid two days). They
 * are made with the JDK's {@code keytool} (from {@code java.home}), so nothing beyond a
 * JDK is needed; the private key is written as unencrypted PKCS #8 PEM, which
 * {@code redis-server} reads.
 * <p>
 * Servers do not ask clients for certificates ({@code tls-auth-clients no}): a client
 * only needs to trust {@link #caCertificate()}, as the {@link #springProperties() Spring
 * Boot properties} arrange through an SSL bundle.
 */
public final class TlsCertificates {

	/** Name of the Spring Boot SSL bundle that {@link #springProperties()} defines. */
	public static final String BUNDLE = "redis-utils-test";

	private static final String PASSWORD = "redis-utils";

	private static final Lazy<TlsCertificates> generated = new Lazy<>(TlsCertificates::generate);

	// Ports are never handed out twice in a JVM, so a port tells how to talk to its
	// server.
	private static final Set<Integer> tlsPorts = ConcurrentHashMap.newKeySet();

	private final Path caCertificate;

	private final Path certificate;

	private final Path privateKey;

	private final Lazy<SSLContext> clientContext = new Lazy<>(this::createClientContext);

	private TlsCertificates(Path caCertificate, Path certificate, Path privateKey) {
		this.caCertificate = caCertificate;
		this.certificate = certificate;
		this.privateKey = privateKey;
	}

	/**
	 * Returns the certificates of this JVM, generating them on first use.
	 * @return the certificates
	 * @throws IllegalStateException if {@code keytool} is missing or fails
	 */
	static TlsCertificates get() {
		return generated.get();
	}

	/**
	 * Returns the PEM file of the certificate authority that signed every server
	 * certificate: the one file a client must trust.
	 * @return the file
	 */
	public Path caCertificate() {
		return this.caCertificate;
	}

	/**
	 * Returns the PEM file of the servers' certificate, valid for {@code 127.0.0.1} and
	 * {@code localhost}.
	 * @return the file
	 */
	public Path certificate() {
		return this.certificate;
	}

	/**
	 * Returns the PEM file (PKCS #8, unencrypted) of the servers' private key.
	 * @return the file
	 */
	public Path privateKey() {
		return this.privateKey;
	}

	/**
	 * Returns the Spring Boot properties that switch {@code spring.data.redis} to TLS
	 * with an SSL bundle trusting {@link #caCertificate()}:
	 * {@code spring.data.redis.ssl.enabled=true},
	 * {@code spring.data.redis.ssl.bundle=redis-utils-test} and
	 * {@code spring.ssl.bundle.pem.redis-utils-test.truststore.certificate=file:...}.
	 * @return the properties, in {@code name=value} form
	 */
	public String[] springProperties() {
		return new String[] { "spring.data.redis.ssl.enabled=true", "spring.data.redis.ssl.bundle=" + BUNDLE,
				"spring.ssl.bundle.pem." + BUNDLE + ".truststore.certificate=" + this.caCertificate.toUri() };
	}

	/**
	 * Returns the {@code redis-server} options (also valid as configuration file lines
	 * once the leading dashes are dropped) that load the certificates and leave clients
	 * without certificates of their own; replication and the Cluster bus are switched to
	 * TLS separately.
	 * @return the options
	 */
	List<String> serverOptions() {
		return List.of("--tls-cert-file", this.certificate.toString(), "--tls-key-file", this.privateKey.toString(),
				"--tls-ca-cert-file", this.caCertificate.toString(), "--tls-auth-clients", "no");
	}

	/**
	 * Returns the lines of a Sentinel configuration that have it listen with TLS on
	 * {@code port} only and talk TLS to the servers it monitors.
	 * @param port the TLS port
	 * @return the lines
	 */
	List<String> sentinelConfiguration(int port) {
		return List.of("port 0", "tls-port " + port, "tls-cert-file \"" + this.certificate + "\"",
				"tls-key-file \"" + this.privateKey + "\"", "tls-ca-cert-file \"" + this.caCertificate + "\"",
				"tls-auth-clients no", "tls-replication yes");
	}

	/**
	 * Returns a TLS context that trusts {@link #caCertificate()}, for the readiness check
	 * of a starting server.
	 * @return the context
	 */
	SSLContext clientContext() {
		return this.clientContext.get();
	}

	private SSLContext createClientContext() {
		try (InputStream input = Files.newInputStream(this.caCertificate)) {
			X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(input);
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			trust.setCertificateEntry("ca", ca);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + this.caCertificate, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not trust " + this.caCertificate, ex);
		}
	}

	/**
	 * Records that the server on {@code port} speaks TLS only.
	 * @param port the port
	 */
	static void markTls(int port) {
		tlsPorts.add(port);
	}

	/**
	 * Whether the server this module started on {@code address} speaks TLS.
	 * @param address the address
	 * @return whether it speaks TLS
	 */
	static boolean isTls(HostPort address) {
		return HostPort.LOOPBACK.equals(address.host()) && tlsPorts.contains(address.port());
	}

	private static TlsCertificates generate() {
		Path directory = Cleanup.createTempDirectory("redis-utils-tls-");
		Path ca = directory.resolve("ca.p12");
		Path server = directory.resolve("server.p12");
		Path request = directory.resolve("server.csr");
		Path caPem = directory.resolve("ca.crt");
		Path certificatePem = directory.resolve("server.crt");
		Path keyPem = directory.resolve("server.key");
		keytool(directory, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=redis-utils test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
		keytool(directory, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file",
				caPem.toString());
		keytool(directory, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-validity", "2", "-keystore", server.toString());
		keytool(directory, "-certreq", "-alias", "server", "-keystore", server.toString(), "-file", request.toString());
		keytool(directory, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile",
				request.toString(), "-outfile", certificatePem.toString(), "-validity", "2", "-ext",
				"san=ip:127.0.0.1,dns:localhost", "-ext", "ku:c=digitalSignature,keyAgreement", "-ext",
				"eku=serverAuth,clientAuth");
		writePrivateKey(server, keyPem);
		return new TlsCertificates(caPem, certificatePem, keyPem);
	}

	private static void writePrivateKey(Path keyStore, Path pem) {
		try (InputStream input = Files.newInputStream(keyStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(input, PASSWORD.toCharArray());
			PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
			String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
				.encodeToString(key.getEncoded());
			Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n",
					StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + pem, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not read the private key in " + keyStore, ex);
		}
	}

	private static void keytool(Path directory, String... arguments) {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "keytool.exe" : "keytool");
		if (!Files.isExecutable(keytool)) {
			throw new IllegalStateException(
					"TLS test servers need the JDK's keytool to make their certificates, " + "but " + keytool
							+ " is missing: run the tests on a full JDK (17 or newer), not a trimmed runtime");
		}
		// A client compiler and the serial collector halve the CPU each short-lived
		// keytool costs.
		List<String> command = new ArrayList<>(
				List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
		Path output = directory.resolve("keytool.log");
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("keytool did not finish within 30 s: " + String.join(" ", command));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed (exit code " + process.exitValue() + "): "
						+ String.join(" ", command) + System.lineSeparator() + Files.readString(output));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + keytool, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while making test certificates", ex);
		}
	}

	private static boolean isWindows() {
		return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
	}

	@Override
	public String toString() {
		return "TlsCertificates[" + this.caCertificate.getParent() + "]";
	}

}
