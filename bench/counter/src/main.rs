//! Leptos's counter example, as the first-screen benchmark's yardstick: the smallest useful
//! Leptos page (https://github.com/leptos-rs/leptos/blob/main/examples/counter/src/lib.rs).

#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::*;

    #[component]
    fn SimpleCounter(initial_value: i32, step: i32) -> impl IntoView {
        let (value, set_value) = signal(initial_value);
        view! {
            <div>
                <button id="clear" on:click=move |_| set_value.set(0)>"Clear"</button>
                <button on:click=move |_| set_value.update(|value| *value -= step)>"-1"</button>
                <span>"Value: " {value} "!"</span>
                <button on:click=move |_| set_value.update(|value| *value += step)>"+1"</button>
            </div>
        }
    }

    leptos::mount::mount_to_body(|| view! { <SimpleCounter initial_value=0 step=1/> });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The counter runs in a browser: scripts/bench builds it with trunk.");
}
