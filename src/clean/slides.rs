//! Slideshows: a carousel shows one slide and hides the rest until the
//! reader clicks through. Their pictures' alt texts are a slideshow's
//! captions, often near copies of the shown one ("In this photo…", then
//! the same words from a second photographer) or pictures of another
//! story; only the shown slide's picture becomes an `[image: …]` line.

use dom_query::NodeRef;

/// Ancestors looked at for the slide an image stands on.
const MAX_SLIDE_DEPTH: usize = 8;

/// Children of a carousel read for its slides (and whether one is marked
/// shown); a slide after them is not its first.
const MAX_CHILDREN_READ: usize = 256;

/// Whether `image` stands on a slide that the page does not show: a
/// slide with sibling slides, not marked active, where one of them is
/// (or, with none marked, not the first).
pub(super) fn on_a_hidden_slide(image: &NodeRef) -> bool {
    for slide in image.ancestors_it(Some(MAX_SLIDE_DEPTH)) {
        let Some(class) = slide.attr("class") else {
            continue;
        };
        if !is_slide(&class) {
            continue;
        }
        let Some(parent) = slide.parent() else {
            continue;
        };
        // Only the first children are read: a page of thousands of slides
        // costs no more per picture than a real carousel.
        let slides: Vec<NodeRef> = parent
            .children_it(false)
            .take(MAX_CHILDREN_READ)
            .filter(|s| s.attr("class").is_some_and(|c| is_slide(&c)))
            .collect();
        if slides.len() < 2 {
            // A slideshow's figure inside its one slide: look further up.
            continue;
        }
        if is_shown(&class) {
            return false;
        }
        let marked = slides
            .iter()
            .any(|s| s.attr("class").is_some_and(|c| is_shown(&c)));
        return marked || slides.first().is_some_and(|first| first.id != slide.id);
    }
    false
}

/// A carousel's slide by its class: `carousel-item`, `swiper-slide`,
/// `slide`, `glide__slide`.
fn is_slide(class: &str) -> bool {
    class.split_ascii_whitespace().any(|word| {
        let word = word.to_ascii_lowercase();
        word.contains("slide") && !word.contains("slideshow") && !word.contains("slider")
            || word.contains("carousel-item")
            || word.contains("carousel__item")
    })
}

/// The slide a carousel shows first.
fn is_shown(class: &str) -> bool {
    class.split_ascii_whitespace().any(|word| {
        let word = word.to_ascii_lowercase();
        ["active", "current", "selected"]
            .iter()
            .any(|mark| word.contains(mark))
    })
}

#[cfg(test)]
mod tests {
    use crate::clean::{Role, RuleSet, clean_fragment};

    fn images(html: &str) -> Vec<String> {
        clean_fragment(html, None, &RuleSet::builtin())
            .blocks
            .into_iter()
            .filter(|b| b.role == Role::Image)
            .map(|b| b.text)
            .collect()
    }

    fn slide(class: &str, alt: &str) -> String {
        format!(
            "<li class=\"{class}\"><figure class=\"slideshow-figure\">\
             <img src=\"/p.jpg\" alt=\"{alt}\"></figure></li>"
        )
    }

    #[test]
    fn only_the_shown_slide_of_a_carousel_gives_an_image_line() {
        let shown = "Rescuers search the rubble of the collapsed school";
        let html = format!(
            "<ul class=\"carousel\">{}{}{}</ul><p>The school collapsed on Monday.</p>",
            slide(
                "Carousel-Item Carousel-Item-Next",
                "A second photograph of the rubble"
            ),
            slide("Carousel-Item Carousel-Item-Active", shown),
            slide(
                "Carousel-Item",
                "A tennis player's wife watches from the stands"
            ),
        );
        assert_eq!(images(&html), [format!("[image: {shown}]")]);
        // With no slide marked, the first one is the one shown.
        let html = format!(
            "<div class=\"swiper\">{}{}</div>",
            slide("swiper-slide", shown),
            slide("swiper-slide", "A second photograph of the rubble"),
        );
        assert_eq!(images(&html), [format!("[image: {shown}]")]);
    }

    /// Each picture reads a bounded number of its carousel's children: a
    /// page of 20,000 slides was quadratic (90 s for 1.6 MB; BENCHMARKS.md,
    /// "Hostile inputs").
    #[test]
    fn a_carousel_of_two_thousand_slides_gives_one_image_line() {
        let slides: String = (0..2_000)
            .map(|i| format!("<li class=\"slide\"><img src=\"/p{i}.jpg\" alt=\"Photo number {i} of the rubble\"></li>"))
            .collect();
        let html = format!(
            "<p>The school collapsed on Monday, and rescuers worked through the night.</p>\
             <ul class=\"carousel\">{slides}</ul>"
        );
        assert_eq!(images(&html), ["[image: Photo number 0 of the rubble]"]);
    }

    #[test]
    fn figures_that_are_no_slides_all_stay() {
        // A slideshow's figure in a lone wrapper, and figures side by side.
        let html = format!(
            "{}<div class=\"gallery\"><figure><img src=\"/a.jpg\" alt=\"The old harbour at dawn\"></figure>\
             <figure><img src=\"/b.jpg\" alt=\"The new harbour at night\"></figure></div>",
            slide(
                "slide",
                "Rescuers search the rubble of the collapsed school"
            ),
        );
        assert_eq!(images(&html).len(), 3, "{:?}", images(&html));
    }
}
