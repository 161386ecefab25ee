/**
Every connection option libpq 17 knows. A service file may set any of them
(libpq refuses others); wfmon acts on the ones parameters.ts reads and, like
a URL's, ignores the rest (keepalives, target_session_attrs…).
*/
export const libpqKeywords: ReadonlySet<string> = new Set([
	'host', 'hostaddr', 'port', 'dbname', 'user', 'password', 'passfile', 'require_auth', 'channel_binding',
	'connect_timeout', 'client_encoding', 'options', 'application_name', 'fallback_application_name',
	'keepalives', 'keepalives_idle', 'keepalives_interval', 'keepalives_count', 'tcp_user_timeout',
	'replication', 'gssencmode', 'sslmode', 'sslnegotiation', 'sslcompression', 'sslcert', 'sslkey',
	'sslpassword', 'sslcertmode', 'sslrootcert', 'sslcrl', 'sslcrldir', 'sslsni', 'requirepeer',
	'ssl_min_protocol_version', 'ssl_max_protocol_version', 'krbsrvname', 'gsslib', 'gssdelegation',
	'target_session_attrs', 'load_balance_hosts', 'service',
]);
