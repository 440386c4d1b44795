package com.plexichat.platform.test.architecture.entity.widget;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A fixture: a controller that goes through the service but answers with the entity it returned. */
@RestController
class WidgetController {

    private final WidgetService widgets;

    WidgetController(WidgetService widgets) {
        this.widgets = widgets;
    }

    @GetMapping("/widgets/1")
    Widget get() {
        return widgets.find(1);
    }
}
