fn main() -> std::process::ExitCode {
    xsell::cli::main()
}
