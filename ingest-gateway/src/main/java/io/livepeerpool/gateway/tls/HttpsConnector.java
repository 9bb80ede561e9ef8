package io.livepeerpool.gateway.tls;

import io.livepeerpool.platform.tls.TlsCredentials;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The gateway's only connector: HTTP/1.1 over TLS 1.2/1.3 from the in-memory key store. No plain-HTTP port exists. */
public final class HttpsConnector {
    private HttpsConnector() {
    }

    public static ServerConnector create(Server server, HttpConfiguration base, TlsCredentials tls, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(new String(tls.keyStorePassword()));
        ssl.setCertAlias(TlsCredentials.ALIAS);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");

        HttpConfiguration https = new HttpConfiguration(base);
        https.setSecureScheme("https");
        https.setSecurePort(port);
        https.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients may reach the gateway by IP or by a name other than the certificate's; whether to trust the
        // certificate is the client's decision (it pins the fingerprint or the CA), not a reason for a 400 here.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);

        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
