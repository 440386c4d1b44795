package com.plexichat.platform.test.architecture.sound.widget;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WidgetController {

    private final WidgetService widgets;

    WidgetController(WidgetService widgets) {
        this.widgets = widgets;
    }

    @GetMapping("/widgets/1")
    public WidgetResponse get() {
        return widgets.get(1);
    }
}
