//! Signing in to a Kash.click account: the key traded for a one-time password sent by email
//! (the vendor's recommended way) or for the login and password, then written where the till
//! finds it. `kash-pos login` and the till's own sign-in (offered when no configuration
//! exists) both go through here, so they write the same files the same way:
//!
//! - the key alone in a file beside the configuration, readable by its owner only (0600);
//! - `config.toml` with the service, the shop id and `api_key_file` pointing at that file.
//!
//! Neither file is ever written over: an existing one is said, and nothing is half-written.

use std::path::{Path, PathBuf};

use crate::kash::model::Credentials;
use crate::kash::{KashClient, KashError};

/// The service signed in to when none is given.
pub const DEFAULT_BASE_URL: &str = "https://kash.click";

/// A password being typed or sent: never in debug output nor on screen.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(hidden)")
    }
}

/// What a sign-in wrote: the shop, the key as it may be shown, and where the files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub shop_id: String,
    /// The key with most of it hidden ([`crate::kash::ApiKey::masked`]).
    pub key_masked: String,
    pub config: PathBuf,
    pub key_file: PathBuf,
}

/// The key by login and password: the newer endpoint first; an older account, which it does
/// not know, through `getAuthToken.php`. A network failure is said at once (the older endpoint
/// would meet it too); when both refuse, the newer endpoint's answer is said.
pub async fn password_credentials(
    client: &KashClient,
    login: &str,
    password: &str,
) -> Result<Credentials, KashError> {
    match client.get_auth_token_with_password(login, password).await {
        Ok(c) => Ok(c),
        Err(
            e @ (KashError::Unreachable { .. }
            | KashError::ConnectionLost { .. }
            | KashError::Timeout { .. }),
        ) => Err(e),
        Err(newer) => {
            tracing::info!(error = %newer, "getAuthTokenWithPassword refused: trying getAuthToken");
            client
                .get_auth_token(login, password)
                .await
                .map_err(|older| match older {
                    KashError::Unreachable { .. }
                    | KashError::ConnectionLost { .. }
                    | KashError::Timeout { .. } => older,
                    _ => newer,
                })
        }
    }
}

/// Why the files could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// The configuration exists already: it is not written over.
    #[error("{0} exists already: move it away first, or pass --config NEW_FILE")]
    ConfigExists(PathBuf),
    #[error("cannot create {path}: {error}")]
    Io { path: PathBuf, error: String },
}

/// The files for the account `credentials` opened at `base_url`: the key file beside
/// `config_path`, then the configuration itself. Checked before anything is written: an
/// existing configuration is left alone.
pub fn write_account(
    config_path: &Path,
    base_url: &str,
    credentials: &Credentials,
) -> Result<SignedIn, WriteError> {
    if config_path.exists() {
        return Err(WriteError::ConfigExists(config_path.to_path_buf()));
    }
    let dir = config_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(&dir).map_err(|e| WriteError::Io {
            path: dir.clone(),
            error: e.to_string(),
        })?;
    }
    let key_file = dir.join("key");
    write_private(&key_file, credentials.api_key.expose())?;
    let text = format!(
        "[kash]\nbase_url = {base_url:?}\nshop_id = {:?}\napi_key_file = {:?}\n",
        credentials.shop_id,
        key_file.display().to_string()
    );
    if let Err(e) = write_private(config_path, &text) {
        // No key left behind without the configuration that points at it.
        let _ = std::fs::remove_file(&key_file);
        return Err(e);
    }
    tracing::info!(shop_id = %credentials.shop_id, config = %config_path.display(), "signed in");
    Ok(SignedIn {
        shop_id: credentials.shop_id.clone(),
        key_masked: credentials.api_key.masked(),
        config: config_path.to_path_buf(),
        key_file,
    })
}

/// Writes a new file readable by its owner alone (it holds the key, or points at it), whole or
/// not at all: an existing file is never written over.
pub fn write_private(path: &Path, text: &str) -> Result<(), WriteError> {
    let io = |e: std::io::Error| WriteError::Io {
        path: path.to_path_buf(),
        error: e.to_string(),
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(io)?;
    if let Err(e) =
        std::io::Write::write_all(&mut file, text.as_bytes()).and_then(|()| file.sync_all())
    {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(io(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kash::ApiKey;

    fn credentials() -> Credentials {
        Credentials {
            shop_id: "4242".into(),
            api_key: ApiKey::new("k3y-0123456789abcdef"),
        }
    }

    #[test]
    fn the_key_goes_to_a_private_file_and_the_configuration_points_at_it() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("conf").join("config.toml");
        let done = write_account(&config, "https://kash.click", &credentials()).unwrap();
        assert_eq!(done.shop_id, "4242");
        assert!(
            !done.key_masked.contains("0123456789"),
            "{}",
            done.key_masked
        );
        assert_eq!(
            std::fs::read_to_string(&done.key_file).unwrap(),
            "k3y-0123456789abcdef"
        );
        let text = std::fs::read_to_string(&config).unwrap();
        assert!(
            !text.contains("k3y-"),
            "the key stays in its own file: {text}"
        );
        let loaded = crate::config::Config::from_file(&config).unwrap();
        assert_eq!(loaded.shop_id, "4242");
        assert_eq!(loaded.api_key.expose(), "k3y-0123456789abcdef");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for f in [&config, &done.key_file] {
                let mode = std::fs::metadata(f).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600, "{}", f.display());
            }
        }
        // Never written over.
        assert_eq!(
            write_account(&config, "https://kash.click", &credentials()),
            Err(WriteError::ConfigExists(config.clone()))
        );
    }

    #[test]
    fn a_leftover_key_file_stops_the_sign_in_and_no_configuration_is_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("key"), "old").unwrap();
        let config = dir.path().join("config.toml");
        let e = write_account(&config, "https://kash.click", &credentials()).unwrap_err();
        assert!(matches!(e, WriteError::Io { .. }), "{e:?}");
        assert!(!config.exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("key")).unwrap(),
            "old"
        );
    }
}
