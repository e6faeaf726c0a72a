package main

// kubeadm's join command (cmd/kubeadm/app/cmd/util getJoinCommand): it reads a kubeconfig
// file, so the kubeconfig text goes through a temporary file.

import (
	"os"

	cmdutil "k8s.io/kubernetes/cmd/kubeadm/app/cmd/util"
)

func init() {
	register("join_command", func(r request) (any, error) {
		f, err := os.CreateTemp("", "kubetoken-oracle-*.conf")
		if err != nil {
			panic(badRequest{"temp file: " + err.Error()})
		}
		defer os.Remove(f.Name())
		if _, err := f.WriteString(arg[string](r, "kubeconfig")); err != nil {
			panic(badRequest{"temp file: " + err.Error()})
		}
		f.Close()
		token := arg[string](r, "token")
		skipToken := optArg(r, "withhold_token", false)
		if optArg(r, "control_plane", false) {
			return cmdutil.GetJoinControlPlaneCommand(f.Name(), token, optArg(r, "certificate_key", ""),
				skipToken, optArg(r, "withhold_certificate_key", false))
		}
		return cmdutil.GetJoinWorkerCommand(f.Name(), token, skipToken)
	})
}
