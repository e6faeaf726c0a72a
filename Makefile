# Placeholder: the build helper replaces this.
test:
	cargo test -p kubetoken
