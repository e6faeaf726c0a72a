#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| kubetoken_fuzz::k3s_decrypt(data));
