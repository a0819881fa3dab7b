fn main() {
    println!("ml-app: see the README of cargo-model-audit");
}
