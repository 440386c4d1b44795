package com.plexichat.platform.test.architecture.query.widget;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A fixture: through its service, yet building the repository's own query type. */
@RestController
class WidgetController {

    private final WidgetService widgets;

    WidgetController(WidgetService widgets) {
        this.widgets = widgets;
    }

    @GetMapping("/widgets/count")
    long count() {
        return widgets.count(new WidgetRepository.Query("bolt"));
    }
}
