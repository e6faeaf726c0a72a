//! Ops for authn.rs and list.rs (owner: kubeadm-authn helper). Shapes: docs/api.md,
//! "API server, controllers, listing, delete".
use kubetoken::authn::{self, Authentication, CleanerAction};
use kubetoken::list::{self, ListFormat};
use kubetoken::spec::TokenOptions;
use kubetoken::{Error, Flavour, Secret, TokenSpec};
use serde_json::{Value, json};

use super::{now, s, secret};

fn secrets(args: &Value) -> Vec<Result<Secret, Error>> {
    args.get("secrets")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(secret).collect())
        .unwrap_or_default()
}

fn flavour(args: &Value) -> Result<Flavour, Error> {
    match args.get("flavour").and_then(Value::as_str) {
        None => Ok(Flavour::Kubeadm),
        Some(f) => Flavour::parse(f),
    }
}

fn format(args: &Value) -> Result<ListFormat, Error> {
    match args.get("format").and_then(Value::as_str) {
        None => Ok(ListFormat::Text),
        Some(f) => ListFormat::parse(f),
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// A decoded token: token options taken exactly as given (`TokenOptions::from_value` +
/// `to_spec_exact`, no defaults), the same object shape every binding accepts.
fn token_spec(v: &Value) -> Result<TokenSpec, Error> {
    TokenOptions::from_value(v)?.to_spec_exact()
}

pub fn authentication_json(a: &Authentication) -> Value {
    json!({
        "authenticated": a.is_authenticated(),
        "user": a.user().map(|u| json!({"name": u.name, "groups": u.groups})),
        "reason": a.reason().map(|r| r.code()),
    })
}

pub fn run(op: &str, args: &Value) -> Option<Result<Value, Error>> {
    Some(match op {
        "authenticate" => (|| {
            let list: Result<Vec<Secret>, Error> = secrets(args).into_iter().collect();
            let a = authn::authenticate(s(args, "token"), &list?, now(args)?);
            Ok(authentication_json(&a))
        })(),
        "get_groups" => secret(&args["secret"])
            .and_then(|s| authn::get_groups(&s))
            .map(|g| json!(g)),
        "token_expiration" => (|| {
            let e = authn::expiration(&secret(&args["secret"])?, now(args)?);
            Ok(json!({"remaining": e.remaining.to_go_string(), "expired": e.expired}))
        })(),
        "signing_credentials" => (|| {
            let c = authn::signing_credentials(&secret(&args["secret"])?, now(args)?);
            Ok(c.map_or(
                Value::Null,
                |c| json!({"token_id": c.token_id, "token_secret": String::from_utf8_lossy(&c.token_secret)}),
            ))
        })(),
        "cleaner_action" => (|| {
            Ok(
                match authn::cleaner_action(&secret(&args["secret"])?, now(args)?) {
                    CleanerAction::Delete {
                        namespace,
                        name,
                        uid,
                    } => {
                        json!({"action": "delete", "namespace": namespace, "name": name, "uid": uid})
                    }
                    CleanerAction::RequeueAfter(d) => {
                        json!({"action": "requeue", "after": d.to_go_string()})
                    }
                    CleanerAction::Nothing => json!({"action": "none"}),
                },
            )
        })(),
        "list_tokens" => (|| {
            let l = list::list_token_results(
                &secrets(args),
                now(args)?,
                format(args)?,
                flavour(args)?,
            )?;
            let errors: Vec<Value> = l
                .errors
                .iter()
                .map(|e| json!({"code": e.code(), "message": e.message()}))
                .collect();
            Ok(json!({"output": l.output, "errors": errors}))
        })(),
        "render_token_list" => (|| {
            let tokens: Result<Vec<TokenSpec>, Error> = args
                .get("tokens")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(token_spec).collect())
                .unwrap_or_else(|| Ok(Vec::new()));
            let out = list::render(&tokens?, now(args)?, format(args)?, flavour(args)?)?;
            Ok(json!(out))
        })(),
        "delete_token_names" => (|| {
            let names = list::delete_token_names(&strings(args.get("args")), flavour(args)?)?;
            Ok(json!(names))
        })(),
        _ => return None,
    })
}
